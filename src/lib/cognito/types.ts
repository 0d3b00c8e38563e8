/**
 * Request and response shapes of the simulated APIs, named field for field as in the AWS SDK for
 * JavaScript v3 models of Cognito Identity and STS.
 */

export type LoginsMap = Record<string, string>;

export interface CognitoIdentityProvider {
	ProviderName?: string;
	ClientId?: string;
	ServerSideTokenCheck?: boolean;
}

export interface IdentityPool {
	IdentityPoolId: string;
	IdentityPoolName: string;
	AllowUnauthenticatedIdentities: boolean;
	AllowClassicFlow?: boolean;
	SupportedLoginProviders?: Record<string, string>;
	DeveloperProviderName?: string;
	OpenIdConnectProviderARNs?: string[];
	CognitoIdentityProviders?: CognitoIdentityProvider[];
	SamlProviderARNs?: string[];
	IdentityPoolTags?: Record<string, string>;
}

export type CreateIdentityPoolInput = Omit<IdentityPool, 'IdentityPoolId'>;
export type UpdateIdentityPoolInput = IdentityPool;

export type RoleMappingType = 'Token' | 'Rules';
export type AmbiguousRoleResolutionType = 'AuthenticatedRole' | 'Deny';
export type MappingRuleMatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

export interface MappingRule {
	Claim: string;
	MatchType: MappingRuleMatchType;
	Value: string;
	RoleARN: string;
}

export interface RoleMapping {
	Type: RoleMappingType;
	AmbiguousRoleResolution?: AmbiguousRoleResolutionType;
	RulesConfiguration?: { Rules: MappingRule[] };
}

export interface SetIdentityPoolRolesInput {
	IdentityPoolId: string;
	/** Keys `authenticated` and `unauthenticated`, values role ARNs. */
	Roles: Record<string, string>;
	RoleMappings?: Record<string, RoleMapping>;
}

export interface GetIdentityPoolRolesResponse {
	IdentityPoolId: string;
	Roles: Record<string, string>;
	RoleMappings?: Record<string, RoleMapping>;
}

export interface GetIdInput {
	AccountId?: string;
	IdentityPoolId: string;
	Logins?: LoginsMap;
}

export interface GetIdResponse {
	IdentityId: string;
}

export interface GetCredentialsForIdentityInput {
	IdentityId: string;
	Logins?: LoginsMap;
	CustomRoleArn?: string;
}

/** Cognito's credentials: note `SecretKey`, where STS says `SecretAccessKey`. */
export interface CognitoCredentials {
	AccessKeyId: string;
	SecretKey: string;
	SessionToken: string;
	Expiration: Date;
}

export interface GetCredentialsForIdentityResponse {
	IdentityId: string;
	Credentials: CognitoCredentials;
}

export interface GetOpenIdTokenInput {
	IdentityId: string;
	Logins?: LoginsMap;
}

export interface GetOpenIdTokenResponse {
	IdentityId: string;
	Token: string;
}

export interface GetOpenIdTokenForDeveloperIdentityInput {
	IdentityPoolId: string;
	IdentityId?: string;
	Logins: LoginsMap;
	PrincipalTags?: Record<string, string>;
	TokenDuration?: number;
}

export interface GetOpenIdTokenForDeveloperIdentityResponse {
	IdentityId: string;
	Token: string;
}

export interface DescribeIdentityPoolInput {
	IdentityPoolId: string;
}

export interface DeleteIdentityPoolInput {
	IdentityPoolId: string;
}

export interface ListIdentityPoolsInput {
	MaxResults: number;
	NextToken?: string;
}

export interface ListIdentityPoolsResponse {
	IdentityPools: { IdentityPoolId: string; IdentityPoolName: string }[];
	NextToken?: string;
}

export interface DescribeIdentityInput {
	IdentityId: string;
}

export interface IdentityDescription {
	IdentityId: string;
	/** Provider names of the linked logins. */
	Logins?: string[];
	CreationDate: Date;
	LastModifiedDate: Date;
}

export interface ListIdentitiesInput {
	IdentityPoolId: string;
	MaxResults: number;
	NextToken?: string;
	HideDisabled?: boolean;
}

export interface ListIdentitiesResponse {
	IdentityPoolId: string;
	Identities: IdentityDescription[];
	NextToken?: string;
}

export interface DeleteIdentitiesInput {
	/** 1 to 60 identity IDs. */
	IdentityIdsToDelete: string[];
}

/** Why DeleteIdentities left an identity in place (API_UnprocessedIdentityId). */
export type CognitoErrorCode = 'AccessDenied' | 'InternalServerError';

export interface UnprocessedIdentityId {
	IdentityId?: string;
	ErrorCode?: CognitoErrorCode;
}

export interface DeleteIdentitiesResponse {
	UnprocessedIdentityIds: UnprocessedIdentityId[];
}

export interface UnlinkIdentityInput {
	IdentityId: string;
	Logins: LoginsMap;
	LoginsToRemove: string[];
}

export interface LookupDeveloperIdentityInput {
	IdentityPoolId: string;
	IdentityId?: string;
	DeveloperUserIdentifier?: string;
	MaxResults?: number;
	NextToken?: string;
}

export interface LookupDeveloperIdentityResponse {
	IdentityId?: string;
	DeveloperUserIdentifierList?: string[];
	NextToken?: string;
}

export interface MergeDeveloperIdentitiesInput {
	SourceUserIdentifier: string;
	DestinationUserIdentifier: string;
	DeveloperProviderName: string;
	IdentityPoolId: string;
}

export interface MergeDeveloperIdentitiesResponse {
	IdentityId: string;
}

export interface PolicyDescriptorType {
	arn?: string;
}

export interface AssumeRoleWithWebIdentityRequest {
	RoleArn: string;
	RoleSessionName: string;
	WebIdentityToken: string;
	ProviderId?: string;
	PolicyArns?: PolicyDescriptorType[];
	Policy?: string;
	DurationSeconds?: number;
}

/** STS credentials: `SecretAccessKey`, where Cognito says `SecretKey`. */
export interface StsCredentials {
	AccessKeyId: string;
	SecretAccessKey: string;
	SessionToken: string;
	Expiration: Date;
}

export interface AssumeRoleWithWebIdentityResponse {
	Credentials: StsCredentials;
	SubjectFromWebIdentityToken: string;
	AssumedRoleUser: { AssumedRoleId: string; Arn: string };
	PackedPolicySize?: number;
	Provider: string;
	Audience: string;
	SourceIdentity?: string;
}

/** Whether a call was SigV4-signed, and by whom: public operations ignore it. */
export interface CallContext {
	signed?: boolean;
	/** ARN of the IAM principal that signed, e.g. `arn:aws:iam::111122223333:user/backend`. */
	principalArn?: string;
}

export type PolicyConditionValue = string | boolean | number | (string | boolean | number)[];

export interface PolicyStatement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Principal?: '*' | Record<string, string | string[]>;
	Action?: string | string[];
	NotAction?: string | string[];
	Resource?: string | string[];
	NotResource?: string | string[];
	Condition?: Record<string, Record<string, PolicyConditionValue>>;
}

export interface PolicyDocument {
	Version?: string;
	Statement: PolicyStatement | PolicyStatement[];
}

export interface IamRole {
	RoleName: string;
	Arn: string;
	RoleId: string;
	AssumeRolePolicyDocument: PolicyDocument;
	/** Seconds, 3,600 to 43,200. */
	MaxSessionDuration: number;
	/** Inline permission policies by name. */
	Policies: Record<string, PolicyDocument>;
	Description?: string;
}

export interface SetPrincipalTagAttributeMapInput {
	IdentityPoolId: string;
	IdentityProviderName: string;
	UseDefaults?: boolean;
	/** Tag key to the token claim (or SAML attribute) whose value it takes. */
	PrincipalTags?: Record<string, string>;
}

export interface PrincipalTagAttributeMap {
	IdentityPoolId: string;
	IdentityProviderName: string;
	UseDefaults: boolean;
	PrincipalTags: Record<string, string>;
}

export interface GetPrincipalTagAttributeMapInput {
	IdentityPoolId: string;
	IdentityProviderName: string;
}
