import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentFile } from './check.ts';

/**
 * Every markdown file under `dir` except its README (the format spec), with paths relative to
 * `root` and `/` separators so problem lists read the same on every machine. Node only.
 */
export function readContentFiles(root: string, dir = 'content'): ContentFile[] {
	const base = join(root, dir);
	const names = readdirSync(base, { recursive: true, encoding: 'utf8' })
		.filter((n) => n.endsWith('.md'))
		.sort();
	return names
		.map((n) => ({ abs: join(base, n), path: relative(root, join(base, n)).split(sep).join('/') }))
		.filter((f) => f.path !== `${dir}/README.md`)
		.map((f) => ({ path: f.path, source: readFileSync(f.abs, 'utf8') }));
}
