import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const base = fileURLToPath(new URL('../../fixtures/content/', import.meta.url));

/** The text of a fixture under tests/fixtures/content. */
export function fixture(path: string): string {
	return readFileSync(base + path, 'utf8');
}

/** The fixtures folder, for reading whole trees. */
export const fixturesRoot = base;
