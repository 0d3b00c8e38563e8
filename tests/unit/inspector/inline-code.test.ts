import { describe, expect, it } from 'vitest';
import { plainText, splitCode } from '../../../src/lib/inspector/inline-code.ts';

describe('splitCode', () => {
	it('turns backtick-marked names into code parts', () => {
		expect(splitCode('The app calls `GetId` with `Logins`.')).toEqual([
			{ code: false, text: 'The app calls ' },
			{ code: true, text: 'GetId' },
			{ code: false, text: ' with ' },
			{ code: true, text: 'Logins' },
			{ code: false, text: '.' }
		]);
	});

	it('leaves an unmatched backtick as text', () => {
		expect(splitCode('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
	});

	it('drops the marks for announcements', () => {
		expect(plainText('Cognito returns `SecretKey`.')).toBe('Cognito returns SecretKey.');
	});
});
