import { describe, expect, it } from 'vitest';
import { createDemoWorld, demo, type TraceEvent } from '../../../src/lib/cognito/index.ts';
import { awsError } from './helpers.ts';

const backend = { signed: true, principalArn: demo.backendRoleArn };
const devInput = {
	IdentityPoolId: demo.identityPoolId,
	Logins: { [demo.developerProviderName]: 'u1' }
};

describe('signed callers and their IAM permissions (SDK-CI 1.0; MP-DEV; RBAC)', () => {
	it('the backend role with AmazonCognitoDeveloperAuthenticatedIdentities may get developer tokens', async () => {
		const world = await createDemoWorld();
		const seen: TraceEvent[] = [];
		world.observe((e) => seen.push(e));
		await expect(
			world.cognitoIdentity.GetOpenIdTokenForDeveloperIdentity(devInput, backend)
		).resolves.toBeTruthy();
		const check = seen.find((e) => e.kind === 'authorize');
		expect(check?.detail).toMatchObject({
			Action: 'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
			Resource: `arn:aws:cognito-identity:us-east-1:111122223333:identitypool/${demo.identityPoolId}`,
			Decision: 'allow'
		});
	});

	it('the same role may not administer the pool: the managed policy grants only the four developer actions', async () => {
		const world = await createDemoWorld();
		const err = await awsError(
			world.cognitoIdentity.ListIdentities(
				{ IdentityPoolId: demo.identityPoolId, MaxResults: 10 },
				backend
			)
		);
		expect(err.name).toBe('AccessDeniedException');
		expect(err.message).toBe(
			`User: ${demo.backendRoleArn} is not authorized to perform: cognito-identity:ListIdentities on resource: arn:aws:cognito-identity:us-east-1:111122223333:identitypool/${demo.identityPoolId}`
		);
	});

	it('SetIdentityPoolRoles needs iam:PassRole on every role it hands over (RBAC)', async () => {
		const world = await createDemoWorld();
		const admin = world.iam.createUser('pool-admin', {
			Admin: {
				Statement: [
					{ Sid: 'ManagePools', Effect: 'Allow', Action: 'cognito-identity:*', Resource: '*' },
					{
						Sid: 'PassAuthRole',
						Effect: 'Allow',
						Action: 'iam:PassRole',
						Resource: demo.roles.authenticated
					}
				]
			}
		});
		const ctx = { signed: true, principalArn: admin };
		await expect(
			world.cognitoIdentity.SetIdentityPoolRoles(
				{ IdentityPoolId: demo.identityPoolId, Roles: { authenticated: demo.roles.authenticated } },
				ctx
			)
		).resolves.toEqual({});
		const err = await awsError(
			world.cognitoIdentity.SetIdentityPoolRoles(
				{
					IdentityPoolId: demo.identityPoolId,
					Roles: { authenticated: demo.roles.authenticated },
					RoleMappings: {
						[demo.userPoolMappingKey]: {
							Type: 'Rules',
							AmbiguousRoleResolution: 'Deny',
							RulesConfiguration: {
								Rules: [
									{
										Claim: 'custom:dept',
										MatchType: 'Equals',
										Value: 'x',
										RoleARN: demo.roles.admin
									}
								]
							}
						}
					}
				},
				ctx
			)
		);
		expect(err.message).toContain(
			'iam:PassRole on resource: arn:aws:iam::111122223333:role/PoolLabAdminRole'
		);
		expect(world.poolRecord(demo.identityPoolId).roleMappings).toBeUndefined();
	});

	it('principals IAM does not know are let through once the call is signed', async () => {
		const world = await createDemoWorld();
		await expect(
			world.cognitoIdentity.ListIdentityPools(
				{ MaxResults: 5 },
				{ signed: true, principalArn: 'arn:aws:iam::999999999999:user/elsewhere' }
			)
		).resolves.toMatchObject({ IdentityPools: [{ IdentityPoolId: demo.identityPoolId }] });
	});
});
