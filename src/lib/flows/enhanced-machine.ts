import { endStates, flowSetup, initialContext, stepState } from './machine-setup.ts';

/**
 * The enhanced (simplified) flow: the app makes two calls to Cognito, which chooses the role and
 * calls STS itself. Signed-in users and guests start with GetId; developer-authenticated users get
 * their identity and token from your backend instead. [AF; AF-2023; DEV]
 */
export const enhancedMachine = flowSetup.createMachine({
	id: 'enhanced',
	context: initialContext,
	initial: 'start',
	states: {
		start: {
			always: [{ target: 'get-id', guard: 'guest' }, { target: 'sign-in' }]
		},
		'sign-in': stepState(
			'enhanced',
			'signIn',
			['call'],
			[{ target: 'get-open-id-token-for-developer-identity', guard: 'developer' }, 'get-id']
		),
		'get-id': stepState(
			'enhanced',
			'getId',
			['call'],
			[
				{ target: 'validate-login', guard: 'signedIn' },
				{ target: 'create-identity', guard: 'guest' }
			]
		),
		'validate-login': stepState(
			'enhanced',
			'reveal',
			['internal', 'inside-aws'],
			['get-credentials']
		),
		'create-identity': stepState(
			'enhanced',
			'reveal',
			['internal', 'inside-aws'],
			['get-credentials']
		),
		'get-open-id-token-for-developer-identity': stepState(
			'enhanced',
			'getDeveloperToken',
			['call', 'signed'],
			['return-token']
		),
		'return-token': stepState('enhanced', 'returnToken', ['return'], ['get-credentials']),
		'get-credentials': stepState('enhanced', 'getCredentials', ['call'], ['choose-role']),
		'choose-role': stepState('enhanced', 'reveal', ['internal', 'inside-aws'], ['assume-role']),
		'assume-role': stepState('enhanced', 'reveal', ['call', 'inside-aws'], ['check-trust']),
		'check-trust': stepState(
			'enhanced',
			'reveal',
			['internal', 'inside-aws'],
			['return-credentials']
		),
		'return-credentials': stepState('enhanced', 'reveal', ['return'], ['call-service']),
		'call-service': stepState('enhanced', 'callService', ['call', 'signed'], ['credentials']),
		...endStates
	}
});
