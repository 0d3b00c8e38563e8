import type { Problem } from './types.ts';

/**
 * The first gate for an imported deck, before any parsing: its size, its encoding and whether it is
 * text at all. The whole built-in bank is about 220 kB, so a deck above 1 MB is refused unread.
 */
export const maxDeckBytes = 1024 * 1024;

export type DeckText = { ok: true; text: string } | { ok: false; problem: Problem };

function sizeText(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
		: `${Math.ceil(bytes / 1024)} kB`;
}

/** The size check alone, for a file whose bytes have not been read yet. */
export function checkDeckSize(name: string, size: number): Problem | undefined {
	if (size <= maxDeckBytes) return undefined;
	return {
		file: name,
		line: 1,
		column: 1,
		message: `The deck is ${sizeText(size)}; a deck may be at most ${sizeText(maxDeckBytes)}.`,
		hint: 'Split it into several smaller decks.'
	};
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		const need =
			b < 0x80
				? 0
				: b >= 0xc2 && b <= 0xdf
					? 1
					: b >= 0xe0 && b <= 0xef
						? 2
						: b >= 0xf0 && b <= 0xf4
							? 3
							: -1;
		if (need < 0) return i;
		if (i + need >= bytes.length) return i;
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k]!;
			let lo = 0x80;
			let hi = 0xbf;
			// The second byte rules out overlong forms, surrogates and code points above U+10FFFF.
			if (k === 1 && b === 0xe0) lo = 0xa0;
			if (k === 1 && b === 0xed) hi = 0x9f;
			if (k === 1 && b === 0xf0) lo = 0x90;
			if (k === 1 && b === 0xf4) hi = 0x8f;
			if (c < lo || c > hi) return i;
		}
		i += need + 1;
	}
	return -1;
}

/** 1-based line and column of a byte offset (the column counts characters). */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset; i++) {
		if (bytes[i] === 0x0a) {
			line++;
			lineStart = i + 1;
		}
	}
	const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
	return { line, column };
}

/** Index of the first control character other than tab, line feed, form feed and carriage return (a binary file), or -1. */
function firstBinaryChar(text: string): number {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 9 || c === 11 || (c >= 14 && c < 32) || c === 127) return i;
	}
	return -1;
}

/**
 * Size, then UTF-8, then "is it text": refuses with one problem at the exact place, or returns
 * the text without its byte-order mark.
 */
export function decodeDeck(name: string, bytes: Uint8Array): DeckText {
	const tooBig = checkDeckSize(name, bytes.length);
	if (tooBig) return { ok: false, problem: tooBig };
	const bad = firstInvalidUtf8(bytes);
	if (bad >= 0) {
		return {
			ok: false,
			problem: {
				file: name,
				...position(bytes, bad),
				message: `The deck is not UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}).`,
				hint: 'Save the file as UTF-8 markdown.'
			}
		};
	}
	const text = new TextDecoder('utf-8').decode(bytes);
	const at = firstBinaryChar(text);
	if (at >= 0) {
		const before = text.slice(0, at);
		const line = before.split('\n').length;
		const column = at - before.lastIndexOf('\n');
		return {
			ok: false,
			problem: {
				file: name,
				line,
				column,
				message: `The deck holds a control character (U+${text.charCodeAt(at).toString(16).padStart(4, '0').toUpperCase()}), so it is not a text file.`,
				hint: 'Import a markdown (.md) file.'
			}
		};
	}
	return { ok: true, text };
}
