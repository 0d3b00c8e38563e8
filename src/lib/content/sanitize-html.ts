/**
 * A strict allow-list HTML sanitizer for markdown the app renders. It needs no DOM, so the build
 * can run it in Node; anything it does not know is escaped into visible text, never kept.
 */

const allowedTags: Record<string, readonly string[]> = {
	p: ['class'],
	br: [],
	hr: [],
	h1: ['id'],
	h2: ['id'],
	h3: ['id'],
	h4: ['id'],
	h5: ['id'],
	h6: ['id'],
	ul: [],
	ol: ['start'],
	li: [],
	blockquote: [],
	pre: [],
	code: ['class'],
	em: [],
	strong: [],
	del: [],
	kbd: [],
	sup: [],
	sub: [],
	a: ['href', 'title', 'rel', 'target'],
	table: [],
	thead: [],
	tbody: [],
	tr: [],
	th: ['align'],
	td: ['align'],
	input: ['type', 'disabled', 'checked'],
	aside: ['class', 'role'],
	div: ['class'],
	span: ['class']
};

const voidTags = new Set(['br', 'hr', 'input']);

/** Whether a URL is one the app lets users follow: https, mailto, or a hash route. */
export function isSafeUrl(url: string): boolean {
	const u = url.trim();
	return (
		/^https:\/\/[^\s"'<>]+$/i.test(u) || /^mailto:[^\s"'<>]+$/i.test(u) || /^#\/[^\s"'<>]*$/.test(u)
	);
}

const attrChecks: Record<string, (value: string | undefined) => boolean> = {
	class: (v) => v !== undefined && /^[\w -]{1,100}$/.test(v),
	id: (v) => v !== undefined && /^[\w-]{1,100}$/.test(v),
	role: (v) => v === 'note',
	start: (v) => v !== undefined && /^\d{1,4}$/.test(v),
	href: (v) => v !== undefined && isSafeUrl(v),
	title: (v) => v !== undefined,
	rel: (v) => v === 'noopener noreferrer',
	target: (v) => v === '_blank',
	align: (v) => v === 'left' || v === 'right' || v === 'center',
	type: (v) => v === 'checkbox',
	disabled: (v) => v === undefined || v === '' || v === 'disabled',
	checked: (v) => v === undefined || v === '' || v === 'checked'
};

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function decodeEntities(text: string): string {
	return text
		.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

function escapeText(text: string): string {
	// Text from marked is already escaped; only stray angle brackets need it here.
	return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const tagPattern =
	/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const attrPattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Keeps only allowed tags and attributes, with safe values; escapes everything else. */
export function sanitizeHtml(html: string): string {
	let out = '';
	let last = 0;
	const open: string[] = [];
	tagPattern.lastIndex = 0;
	for (let m = tagPattern.exec(html); m; m = tagPattern.exec(html)) {
		out += escapeText(html.slice(last, m.index));
		last = m.index + m[0].length;
		const closing = m[1] === '/';
		const name = m[2]!.toLowerCase();
		const allowed = allowedTags[name];
		if (!allowed) {
			out += escapeHtml(m[0]);
			continue;
		}
		if (closing) {
			const at = open.lastIndexOf(name);
			if (at === -1) continue;
			while (open.length > at) out += `</${open.pop()}>`;
			continue;
		}
		let attrs = '';
		attrPattern.lastIndex = 0;
		const rawAttrs = m[3] ?? '';
		for (let a = attrPattern.exec(rawAttrs); a; a = attrPattern.exec(rawAttrs)) {
			const attr = a[1]!.toLowerCase();
			const raw = a[2] ?? a[3] ?? a[4];
			const value = raw === undefined ? undefined : decodeEntities(raw);
			if (!allowed.includes(attr) || !attrChecks[attr]?.(value)) continue;
			attrs += value === undefined || value === '' ? ` ${attr}` : ` ${attr}="${escapeHtml(value)}"`;
		}
		out += `<${name}${attrs}>`;
		if (!voidTags.has(name)) open.push(name);
	}
	out += escapeText(html.slice(last));
	while (open.length) out += `</${open.pop()}>`;
	return out;
}
