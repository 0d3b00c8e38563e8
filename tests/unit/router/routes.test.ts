import { describe, expect, it } from 'vitest';
import { href, matchRoute, routes, splitHash } from '../../../src/lib/router/routes.ts';

describe('matchRoute', () => {
	it('treats an empty hash and "#/" as home', () => {
		expect(matchRoute('').name).toBe('home');
		expect(matchRoute('#').name).toBe('home');
		expect(matchRoute('#/').name).toBe('home');
	});

	it.each([
		['#/flows', 'flows'],
		['#/lessons', 'lessons'],
		['#/practice', 'practice'],
		['#/exam', 'exam'],
		['#/progress', 'progress'],
		['#/present', 'present'],
		['#/settings', 'settings']
	])('matches %s to the %s screen', (hash, name) => {
		expect(matchRoute(hash).name).toBe(name);
	});

	it('reads the flow id and the query of a flow deep link', () => {
		const m = matchRoute('#/flows/basic-guest?step=3&provider=google');
		expect(m.name).toBe('flow');
		expect(m.params).toEqual({ flowId: 'basic-guest' });
		expect(m.query.get('step')).toBe('3');
		expect(m.query.get('provider')).toBe('google');
	});

	it('reads a lesson slug', () => {
		const m = matchRoute('#/lessons/the-enhanced-flow');
		expect(m).toMatchObject({ name: 'lesson', params: { slug: 'the-enhanced-flow' } });
	});

	it('ignores a trailing slash', () => {
		expect(matchRoute('#/flows/').name).toBe('flows');
	});

	it('sends unknown paths, extra segments and odd characters to not-found, keeping the path', () => {
		expect(matchRoute('#/nowhere')).toMatchObject({ name: 'not-found', path: '/nowhere' });
		expect(matchRoute('#/flows/a/b').name).toBe('not-found');
		expect(matchRoute('#/lessons/%3Cscript%3E').name).toBe('not-found');
		expect(matchRoute('#/lessons/%E0%A4%A').name).toBe('not-found');
	});

	it('gives every route a title for the document title', () => {
		for (const r of routes)
			expect(matchRoute('#' + r.pattern.replace(':flowId', 'x').replace(':slug', 'y')).title).toBe(
				r.title
			);
		expect(matchRoute('#/zzz').title).toBe('Page not found');
	});
});

describe('splitHash and href', () => {
	it('adds the leading slash a hand-typed hash may lack', () => {
		expect(splitHash('#flows').path).toBe('/flows');
	});

	it('builds hrefs that match back to the same route and query', () => {
		const h = href('/flows/enhanced-guest', { step: 2, compare: undefined, provider: 'saml' });
		expect(h).toBe('#/flows/enhanced-guest?step=2&provider=saml');
		const m = matchRoute(h);
		expect(m.params.flowId).toBe('enhanced-guest');
		expect(m.query.get('step')).toBe('2');
		expect(m.query.has('compare')).toBe(false);
	});
});
