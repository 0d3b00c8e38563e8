import { describe, expect, it } from 'vitest';
describe('env', () => {
	it('has WebCrypto', () => {
		expect(typeof crypto.subtle.sign).toBe('function');
	});
});
