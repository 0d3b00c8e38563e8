/**
 * The identity-pool simulator's public surface: a deterministic, offline Amazon Cognito identity
 * pool world with IAM, STS and identity providers, AWS-shaped operations and errors, trace events
 * for the flow diagram, policy evaluation, and an AWS SDK v3 request handler.
 */

export { World, generateKeys, loadDemoKeys } from './world.ts';
export type { WorldKeys, WorldOptions, PoolRecord, IdentityRecord } from './world.ts';
export {
	createDemoWorld,
	signIn,
	demo,
	demoBackendCredentials,
	perIdentityDataPolicy,
	developerAuthenticatedIdentitiesPolicy
} from './demo-world.ts';
export type { DemoWorld, DemoProviderId, SignInOptions, SignInResult } from './demo-world.ts';

export { AwsError, errors, isAwsError, toAwsError } from './errors.ts';
export type { AmbiguityNote, AwsService } from './errors.ts';
export { ambiguities } from './ambiguities.ts';

export { SimClock } from './clock.ts';
export { RequestRateLimiter, identityPoolRateQuotas } from './throttling.ts';
export type { Clock } from './clock.ts';
export { SeededRandom } from './random.ts';

export {
	decodeJwt,
	signJwt,
	verifyJwt,
	tamperJwt,
	importSigningKey,
	lazySigningKey,
	generateSigningKey,
	base64UrlEncode,
	base64UrlDecode
} from './jwt.ts';
export type {
	DecodedJwt,
	JwtHeader,
	JwtPayload,
	KeyPair,
	SigningKey,
	VerifyResult
} from './jwt.ts';

export { UserPool, preferredRole } from './user-pool.ts';
export type { UserPoolGroup, UserPoolUser, UserPoolClient, UserPoolTokens } from './user-pool.ts';
export { JwtIdentityProvider, AccessTokenProvider } from './providers.ts';
export {
	SamlIdentityProvider,
	parseSamlResponse,
	samlRoleAttribute,
	base64DecodeText,
	base64EncodeText
} from './saml.ts';
export type { SamlAssertion } from './saml.ts';

export { CognitoIdentityService, isPublicOperation } from './identity-pool.ts';
export { StsService } from './sts.ts';
export { Iam, parseRoleArn } from './iam.ts';
export { cognitoIdentityProvider, cognitoIdentityIssuer } from './login-validation.ts';
export { selectRole, ruleMatches } from './role-selection.ts';
export type { RoleSelection, RoleSelectionInput, RoleSource } from './role-selection.ts';
export { checkTrust, checkTrustDocument, cognitoTrustPolicy } from './trust-policy.ts';
export type { TrustCheck, WebIdentityClaims } from './trust-policy.ts';
export {
	evaluatePolicies,
	wildcardMatch,
	substituteVariables,
	describeStatement
} from './policy-evaluator.ts';
export type { PolicyDecision, StatementResult, ContextValue } from './policy-evaluator.ts';
export { authorizeSession } from './sessions.ts';
export type { AuthorizationDecision, Session } from './sessions.ts';
export {
	guestScopeDownNote,
	inlineGuestSessionPolicy,
	managedGuestSessionPolicy,
	managedGuestSessionPolicyArn
} from './scope-down.ts';

export { SimulatorRequestHandler } from './sdk-adapter.ts';
export { verifySigV4, signSigV4, signingErrors } from './sigv4.ts';
export { callAsBackend } from './backend-call.ts';
export type { SimHttpRequest, SimHttpResponse } from './sdk-adapter.ts';

export type { TraceEvent, TraceKind, TraceObserver } from './trace.ts';
export { principalTagsFor, defaultTagMapping } from './principal-tags.ts';
export type * from './types.ts';
export {
	applyDemoSettings,
	demoLogin,
	demoRoleMappings,
	demoMappingKeys
} from './demo-settings.ts';
export type { DemoSettings, LoginBreaks, DemoLogin } from './demo-settings.ts';
