/**
 * The source tags of the fact sheet's Sources table (docs and references the project checks its
 * statements against). A fact reference in content (`AF; AF-2023; EXT saml`) names one of these per
 * part, optionally followed by a lowercase word for the page (`EXT saml`).
 */
export const factTags: ReadonlySet<string> = new Set(
	(
		'AF AF-2023 IAMR IAMR-2023 RTP RBAC SECBP DEV IDP SWITCH EXT UPIP UPG SCEN ABAC QUOTA-2023 ' +
		'API-GCFI API-GETID API-SIPR API-RCT SDK-CI BOTO-CI SDK-STS STS-API CRED-JS MP-NEW MP-OLD ' +
		'MP-DEV BLOG4 CDK GH-CLI7652 GH-RUM172 GH-QS12 GH-AMP9704 GH-AMP3621 GH-AMP1089 GH-AMP6616 ' +
		'GH-IOS2570 GH-CIJS40 GH-CIJS68 GH-AUTH196 REPOST-AUD MOTO SLIDE DD'
	).split(' ')
);

/** The parts of a fact reference that name no fact-sheet tag, each with its 0-based offset. */
export function unknownFactParts(factRef: string): { part: string; offset: number }[] {
	const out: { part: string; offset: number }[] = [];
	let offset = 0;
	for (const raw of factRef.split(';')) {
		const lead = raw.length - raw.trimStart().length;
		const part = raw.trim();
		const m = /^([A-Z][A-Z0-9-]*)( [a-z][a-z-]*)?$/.exec(part);
		if (!m || !factTags.has(m[1]!)) out.push({ part, offset: offset + lead });
		offset += raw.length + 1;
	}
	return out;
}
