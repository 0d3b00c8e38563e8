import { describe, expect, it } from 'vitest';
import { allProviders, flows, type ProviderId } from '../../../src/lib/flows/catalogue.ts';
import { stepText, type TextContext } from '../../../src/lib/flows/step-texts.ts';
import { defaultBreakSettings, roleMappings } from '../../../src/lib/flows/types.ts';

/** A Logins key per provider (fact sheet 2.1); only whether one is given changes the texts. */
const loginKeys: Record<ProviderId, string> = {
	userpool: 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example',
	google: 'accounts.google.com',
	facebook: 'graph.facebook.com',
	amazon: 'www.amazon.com',
	apple: 'appleid.apple.com',
	oidc: 'login.example.com',
	saml: 'arn:aws:iam::123456789012:saml-provider/Example'
};

const services = {
	none: undefined,
	allowed: { label: 'S3 GetObject', allowed: true },
	denied: { label: 'S3 GetObject', allowed: false }
};

/**
 * What every step of every flow says, keyed `flow/step provider=…`: each provider (and none) for
 * signed-in flows, with default settings and a Logins key. Under the same key with `setting=…`
 * added: what the step says with a role mapping, a service verdict or no Logins key, listed only
 * where that differs. The fixture holds the wording learners see, so a change to a step file shows
 * as a reviewable diff (`npx vitest run --project unit tests/unit/flows/step-texts.test.ts -u`).
 */
function table(): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	for (const flow of flows) {
		const providers: (ProviderId | undefined)[] =
			flow.identity === 'signed-in' ? [undefined, ...allProviders] : [undefined];
		for (const stepId of flow.steps) {
			for (const provider of providers) {
				const base: TextContext = {
					flowId: flow.id,
					...(provider ? { provider, loginKey: loginKeys[provider] } : {}),
					settings: defaultBreakSettings
				};
				const at = `${flow.id}/${stepId} provider=${provider ?? 'none'}`;
				const text = stepText(stepId, base);
				out[at] = text;
				const also = (setting: string, ctx: TextContext) => {
					const other = stepText(stepId, ctx);
					if (!same(other, text)) out[`${at} ${setting}`] = other;
				};
				if (provider) {
					const { loginKey: _, ...noKey } = base;
					also('loginKey=none', noKey);
				}
				for (const roleMapping of roleMappings.slice(1))
					also(`mapping=${roleMapping}`, {
						...base,
						settings: { ...defaultBreakSettings, roleMapping }
					});
				for (const [name, service] of Object.entries(services))
					if (service) also(`service=${name}`, { ...base, service });
			}
		}
	}
	return out;
}

describe('step texts', () => {
	it('say what the fixture holds, for every flow, provider and setting', async () => {
		await expect(`${JSON.stringify(table(), null, '\t')}\n`).toMatchFileSnapshot(
			'../../fixtures/flows/step-texts.json'
		);
	});

	it('throw for a step no flow has', () => {
		expect(() =>
			stepText('no-such-step', { flowId: 'basic-guest', settings: defaultBreakSettings })
		).toThrow('no-such-step');
	});
});
