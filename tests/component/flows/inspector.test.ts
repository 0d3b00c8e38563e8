import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import Inspector from '../../../src/components/inspector/Inspector.svelte';
import type { FlowStep } from '../../../src/lib/flows/types.ts';
import { b64url, idToken, sampleRun, t0 } from '../../unit/diagram/fixtures.ts';

const run = sampleRun();

function rowFor(table: HTMLElement, claim: string): HTMLElement {
	const header = within(table).getByRole('rowheader', { name: claim });
	return header.closest('tr') as HTMLElement;
}

describe('Inspector', () => {
	it('shows the request and response with AWS field names', () => {
		render(Inspector, { step: run.steps[1]!, total: 9 });
		expect(screen.getByRole('heading', { name: 'Step 2 of 9: GetId' })).toBeTruthy();
		const request = screen.getByLabelText('Request JSON').textContent ?? '';
		expect(request).toContain('"IdentityPoolId": "us-east-1:00000000-0000-4000-8000-000000000001"');
		expect(screen.getByLabelText('Response JSON').textContent).toContain('"IdentityId"');
		expect(screen.getByRole('button', { name: 'Copy request' })).toBeTruthy();
		expect(screen.getByLabelText('SDK code').textContent).toContain('GetIdCommand');
	});

	it('decodes the login token into a claim table with explanations and readable times', () => {
		render(Inspector, { step: run.steps[1]!, total: 9 });
		const table = screen.getByRole('table');
		const tokenUse = rowFor(table, 'token_use');
		expect(tokenUse.textContent).toContain('id');
		expect(tokenUse.textContent).toContain('An identity pool needs the ID token in Logins.');
		const exp = rowFor(table, 'exp');
		expect(exp.textContent).toContain(`${t0 / 1000 + 3540} (2026-01-15 12:59:00 UTC)`);
		expect(rowFor(table, 'cognito:groups').textContent).toContain('["editors"]');
		expect(rowFor(table, 'alg').textContent).toContain('RS256');
		expect(screen.getByText('expires in 58 min 59 s')).toBeTruthy();
	});

	it('shows what decodes of a token cut short, and says what is missing', () => {
		const cut = idToken.slice(0, idToken.indexOf('.') + 60);
		const step: FlowStep = {
			...run.steps[1]!,
			request: { IdentityPoolId: 'us-east-1:1', Logins: { 'accounts.google.com': cut } }
		};
		render(Inspector, { step, total: 9 });
		expect(screen.getByText('Payload (only the part that decodes)')).toBeTruthy();
		const table = screen.getByRole('table');
		expect(rowFor(table, 'sub').textContent).toContain('a1b2c3');
		expect(within(table).queryByRole('rowheader', { name: 'exp' })).toBeNull();
		expect(
			screen.getByText('The payload is cut short; only the claims before the break are shown.')
		).toBeTruthy();
	});

	it('still shows the header of a token whose payload is not JSON', () => {
		const broken = `${b64url('{"alg":"RS256","kid":"abc"}')}.${b64url('not json')}.sig`;
		render(Inspector, {
			step: { ...run.steps[1]!, request: { Logins: { 'accounts.google.com': broken } } },
			total: 9
		});
		expect(rowFor(screen.getByRole('table'), 'kid').textContent).toContain('abc');
		expect(screen.getByText('The payload does not decode to a JSON object.')).toBeTruthy();
	});

	it('shows credentials with their expiry against the simulated clock', () => {
		render(Inspector, { step: run.steps[7]!, total: 9 });
		expect(screen.getByText('SecretKey')).toBeTruthy();
		expect(screen.getByText('ASIAEXAMPLE')).toBeTruthy();
		expect(screen.getByText('expires in 1 h 0 min')).toBeTruthy();
		expect(screen.getByRole('button', { name: 'Copy credentials' })).toBeTruthy();
	});

	it('explains a failed step with AWS’s error name, message and the fix', () => {
		const step: FlowStep = {
			...run.steps[1]!,
			error: {
				name: 'NotAuthorizedException',
				message: 'Unauthenticated access is not supported for this identity pool.',
				httpStatus: 400,
				explanation: 'Guest access is off.',
				fix: 'Turn on guest access.',
				factRef: 'IDP'
			}
		};
		render(Inspector, { step, total: 9 });
		const error = screen.getByRole('group', { name: 'Error' });
		expect(within(error).getByRole('heading').textContent).toContain('NotAuthorizedException');
		expect(error.textContent).toContain(
			'Unauthenticated access is not supported for this identity pool.'
		);
		expect(error.textContent).toContain('Turn on guest access.');
	});

	it('flags points AWS documents ambiguously', () => {
		render(Inspector, {
			step: {
				...run.steps[5]!,
				ambiguous: ['AWS documents this ambiguously: which services the guest policy allows.']
			},
			total: 9
		});
		const note = screen.getByText('AWS documents this ambiguously:').closest('p');
		expect(note?.textContent?.match(/documents this ambiguously/g)).toHaveLength(1);
		expect(note?.textContent).toContain('which services the guest policy allows.');
	});
});
