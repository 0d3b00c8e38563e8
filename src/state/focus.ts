/**
 * Puts focus on `element` when it has fallen to the page, as it does when the control that had it
 * goes away (a button replaced by what it opened). Focus anywhere else is left where the user put it.
 */
export function focusIfLost(element: HTMLElement | null | undefined, options?: FocusOptions): void {
	const active = document.activeElement;
	if (active && active !== document.body) return;
	element?.focus(options);
}
