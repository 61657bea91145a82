/**
 * The field a graphql-js request error is about, read from its message: graphql-js names the variable, argument or
 * input field only in the text. Gives `extensions.fields` (field path → messages), the same member and shape as
 * REST problem+json `fields`, so clients find the offending field the same way whichever error raised it.
 */
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  // Variable "$input" got invalid value "x" at "input.to"; String cannot represent ...
  [/^Variable "\$\w+" got invalid value .* at "([^"]+)"; /s, (m) => m[1]!],
  // Variable "$input" got invalid value {...}; Field "to" of required type "String!" was not provided.
  [
    /^Variable "\$(\w+)" got invalid value .*; Field "(\w+)" (?:of required type|is not defined)/s,
    (m) => `${m[1]}.${m[2]}`,
  ],
  // Variable "$first" got invalid value "abc"; Int cannot represent non-integer value: "abc"
  [/^Variable "\$(\w+)" got invalid value /, (m) => m[1]!],
  // Variable "$input" of required type "X!" was not provided. / of non-null type "X!" must not be null.
  [/^Variable "\$(\w+)" of (?:required|non-null) type /, (m) => m[1]!],
  // Argument "input" of required type "X!" was not provided. / Argument "first" has invalid value ...
  [/^Argument "(?:\w+\.)*(\w+)" (?:of required type|has invalid value)/, (m) => m[1]!],
  // Field "SendMessageInput.to" of required type "String!" was not provided.
  [/^Field "(?:\w+\.)?(\w+)" of required type /, (m) => m[1]!],
  // Field "colour" is not defined by type "MessageFilter".
  [/^Field "(\w+)" is not defined by type /, (m) => m[1]!],
  // Unknown argument "page" on field "Query.contacts".
  [/^Unknown argument "(\w+)" on field /, (m) => m[1]!],
];

/** What a client reads: the reason after graphql-js's "Variable ... got invalid value ...;" preamble. */
function reasonOf(message: string): string {
  const cut = /^Variable "\$\w+" got invalid value .*?(?: at "[^"]+")?; (.*)$/s.exec(message);
  return cut ? cut[1]! : message;
}

/** `{ path: [reason] }` for a request error that names a field, else undefined. */
export function fieldsFromGraphQLMessage(message: string): Record<string, string[]> | undefined {
  for (const [pattern, path] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return { [path(match)]: [reasonOf(message)] };
  }
  return undefined;
}
