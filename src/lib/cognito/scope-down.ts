import type { AmbiguityNote } from './errors.ts';
import type { PolicyDocument } from './types.ts';

/**
 * The session policy Cognito adds to guest credentials in the enhanced flow (IAMR-2023; MP-NEW).
 * AWS documents the allowed service list ambiguously: the 2023 guide lists an inline policy, the
 * newer managed policy AmazonCognitoUnAuthedIdentitiesSessionPolicy lists other actions. The
 * simulator sends both, as the 2023 mechanism describes (inline Policy plus PolicyArns), so the
 * effective allow-list is their union.
 */

export const guestScopeDownNote: AmbiguityNote = {
	topic: 'guest-access',
	note: 'AWS documents this ambiguously: guests in the enhanced flow are limited to an AWS-defined allow-list, but whether it is the 2023 inline list, the newer managed policy, or both is not clear. The simulator applies both (their union).',
	factRef: 'IAMR-2023; MP-NEW; MP-OLD'
};

/** The 2023 guide's inline scope-down list, as service action patterns (IAMR-2023). */
export const inlineGuestSessionPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'CognitoGuestScopeDownInline',
			Effect: 'Allow',
			Action: [
				'firehose:*',
				'kinesisanalytics:*',
				'sqs:*',
				'sumerian:View*',
				'mobileanalytics:*',
				'ses:*',
				'lambda:*',
				'kms:Encrypt',
				'kms:Decrypt',
				'kms:ReEncrypt*',
				'kms:GenerateDataKey*',
				'dynamodb:*',
				'sdb:*',
				'appsync:*',
				'geo:*',
				'sns:*',
				'gamelift:*',
				'iot:*',
				'codewhisperer:*',
				'comprehend:*',
				'lex:*',
				'machinelearning:*',
				'personalize:*',
				'polly:*',
				'rekognition:*',
				'sagemaker:InvokeEndpoint',
				'textract:DetectDocumentText',
				'textract:AnalyzeDocument',
				'transcribe:*',
				'translate:*',
				'cloudwatch:*',
				'logs:*',
				'execute-api:*',
				'cognito-identity:*',
				'cognito-idp:*',
				'cognito-sync:*',
				's3:*'
			],
			Resource: '*'
		}
	]
};

/** The policy's ARN has no `service-role/` path (MP-NEW). */
export const managedGuestSessionPolicyArn =
	'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy';

/** The managed policy AmazonCognitoUnAuthedIdentitiesSessionPolicy's actions (MP-NEW). */
export const managedGuestSessionPolicy: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
			Effect: 'Allow',
			Action: [
				'rum:PutRumEvents',
				'sagemaker:InvokeEndpoint',
				'polly:*',
				'comprehend:*',
				'translate:*',
				'transcribe:*',
				'rekognition:*',
				'mobiletargeting:*',
				'firehose:*',
				'personalize:*',
				'geo:GetMap*',
				'geo:SearchPlaceIndex*',
				'geo:GetPlace',
				'geo:CalculateRoute*',
				'geo:*Geofence',
				'geo:*Geofences',
				'geo:*DevicePosition*',
				'kms:Encrypt',
				'kms:Decrypt',
				'kms:ReEncryptTo',
				'kms:ReEncryptFrom',
				'kms:GenerateDataKey',
				'kms:GenerateDataKeyPair',
				'kms:GenerateDataKeyPairWithoutPlaintext',
				'kms:GenerateDataKeyWithoutPlaintext'
			],
			Resource: '*'
		}
	]
};
