import { endStates, flowSetup, initialContext, stepState } from './machine-setup.ts';

/**
 * The basic (classic) flow: the app gets an OpenID token from Cognito, then calls STS itself with a
 * role ARN it chooses. Signed-in users and guests get the token with GetId and GetOpenIdToken;
 * developer-authenticated users get it from your backend. [AF; AF-2023; DEV]
 */
export const basicMachine = flowSetup.createMachine({
	id: 'basic',
	context: initialContext,
	initial: 'start',
	states: {
		start: {
			always: [{ target: 'get-id', guard: 'guest' }, { target: 'sign-in' }]
		},
		'sign-in': stepState(
			'basic',
			'signIn',
			['call'],
			[{ target: 'get-open-id-token-for-developer-identity', guard: 'developer' }, 'get-id']
		),
		'get-id': stepState(
			'basic',
			'getId',
			['call'],
			[
				{ target: 'validate-login', guard: 'signedIn' },
				{ target: 'create-identity', guard: 'guest' }
			]
		),
		'validate-login': stepState(
			'basic',
			'reveal',
			['internal', 'inside-aws'],
			['get-open-id-token']
		),
		'create-identity': stepState(
			'basic',
			'reveal',
			['internal', 'inside-aws'],
			['get-open-id-token']
		),
		'get-open-id-token': stepState('basic', 'getOpenIdToken', ['call'], ['assume-role']),
		'get-open-id-token-for-developer-identity': stepState(
			'basic',
			'getDeveloperToken',
			['call', 'signed'],
			['return-token']
		),
		'return-token': stepState('basic', 'returnToken', ['return'], ['assume-role']),
		'assume-role': stepState('basic', 'assumeRole', ['call'], ['check-trust']),
		'check-trust': stepState('basic', 'reveal', ['internal', 'inside-aws'], ['return-credentials']),
		'return-credentials': stepState('basic', 'reveal', ['return'], ['call-service']),
		'call-service': stepState('basic', 'callService', ['call', 'signed'], ['credentials']),
		...endStates
	}
});
