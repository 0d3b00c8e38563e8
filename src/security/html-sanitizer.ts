import DOMPurify from 'dompurify';
import { createSanitizer } from '../lib/content/sanitize-html.ts';
import { registerSanitizer } from './trusted-types.ts';

/**
 * DOMPurify in the browser, with the same allow-list as the build, registered as the Trusted Types
 * `default` policy's sanitizer. Import this module (for its effect, or for `sanitizeHtml`) in every
 * module that renders HTML from a string: it keeps DOMPurify out of the screens that render none,
 * and the policy refuses HTML until it has loaded.
 */
export const sanitizeHtml = createSanitizer(DOMPurify);

registerSanitizer(sanitizeHtml);
