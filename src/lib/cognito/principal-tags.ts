import type { AmbiguityNote } from './errors.ts';
import type { ValidatedLogin } from './login-validation.ts';
import type { PrincipalTagAttributeMap } from './types.ts';

/**
 * Attributes for access control: token claims (or SAML attributes) become session tags that
 * policies read as `aws:PrincipalTag/<key>` (ABAC).
 */

export const defaultTagKeysNote: AmbiguityNote = {
	topic: 'abac',
	note: 'AWS documents this ambiguously: the default mappings use the app/client ID and the user ID of each provider, but the tag key names are not documented; the simulator names the tags after the claims (aud, sub, nameidentifier, name).',
	factRef: 'SDK-CI; ABAC'
};

/** The default mappings per provider kind (ABAC provider-mappings): tag key to claim. */
export function defaultTagMapping(kind: ValidatedLogin['kind']): Record<string, string> {
	if (kind === 'saml') {
		return {
			nameidentifier: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
			name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'
		};
	}
	return { aud: 'aud', sub: 'sub' };
}

/** The session tags the logins produce under the pool's attribute maps; later logins do not overwrite. */
export function principalTagsFor(
	logins: readonly ValidatedLogin[],
	maps: Record<string, PrincipalTagAttributeMap> | undefined
): { tags: Record<string, string>; ambiguous: AmbiguityNote[] } {
	const tags: Record<string, string> = {};
	const ambiguous: AmbiguityNote[] = [];
	for (const login of logins) {
		const map = maps?.[login.providerName];
		if (!map) continue;
		const mapping = map.UseDefaults ? defaultTagMapping(login.kind) : map.PrincipalTags;
		if (map.UseDefaults && !ambiguous.includes(defaultTagKeysNote))
			ambiguous.push(defaultTagKeysNote);
		for (const [tagKey, claim] of Object.entries(mapping)) {
			const value = login.claims[claim];
			if (value === undefined || value === null || tagKey in tags) continue;
			tags[tagKey] = Array.isArray(value) ? value.map(String).join(',') : String(value);
		}
	}
	return { tags, ambiguous };
}
