/** The `--by` flag's help line, one text for every command that groups (query/group-keys.ts). */
export const BY_HELP =
  'group rows by keys, comma-separated: service, operation, kind, status, attr.KEY (span attribute), resource.KEY; service is always a key (default: service)';
