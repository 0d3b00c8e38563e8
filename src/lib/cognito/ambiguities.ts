import { errors, type AmbiguityNote } from './errors.ts';
import { deleteIdentitiesNote } from './identity-pool-admin.ts';
import {
	classicFlowDefaultNote,
	developerTokenLifetimeNote,
	enhancedTrustNote,
	samlBasicFlowNote
} from './identity-pool.ts';
import {
	accessTokenNote,
	audienceNote,
	developerKeyNote,
	externalServiceNote,
	malformedTokenNote,
	revokedNote,
	samlResponseNote
} from './login-validation.ts';
import { defaultTagKeysNote } from './principal-tags.ts';
import { samlSeveralRolesNote, tokenWithoutRolesNote } from './role-selection.ts';
import { guestScopeDownNote } from './scope-down.ts';
import { durationNote, providerNote, stsSignatureNote } from './sts.ts';

/**
 * Every point where the simulator had to pick a side of something AWS documents ambiguously
 * (UNCONFIRMED in the fact sheet). The UI shows these as "AWS documents this ambiguously"; no quiz
 * question may depend on them.
 */
export const ambiguities: readonly AmbiguityNote[] = [
	guestScopeDownNote,
	classicFlowDefaultNote,
	developerTokenLifetimeNote,
	providerNote,
	durationNote,
	samlBasicFlowNote,
	enhancedTrustNote,
	audienceNote,
	revokedNote,
	accessTokenNote,
	samlResponseNote,
	externalServiceNote,
	malformedTokenNote,
	developerKeyNote,
	stsSignatureNote,
	tokenWithoutRolesNote,
	samlSeveralRolesNote,
	...errors.stsPackedPolicyTooLarge().ambiguous,
	...errors.iamOpenCognitoTrust().ambiguous,
	...errors.callerNotAuthorized('arn', 'action', 'resource').ambiguous,
	...errors.callerNotAuthorized('arn', 'cognito-identity:action', 'resource').ambiguous,
	...errors.tooManyRequests('GetId', 25).ambiguous,
	deleteIdentitiesNote,
	...errors.classicFlowWithRoleMappings().ambiguous,
	...errors.identityForbidden('us-east-1:0').ambiguous,
	...errors.customRoleNotInToken('arn').ambiguous,
	...errors.missingAuthentication('op').ambiguous,
	...errors.resourceNotFound('Identity', 'x').ambiguous,
	{
		topic: 'fine-grained-access',
		note: 'AWS documents this ambiguously: using cognito-identity.amazonaws.com:amr as a ${} policy variable has no documented example; the simulator fills it with the amr values joined by commas.',
		factRef: 'IAMR-2023'
	},
	defaultTagKeysNote
];
