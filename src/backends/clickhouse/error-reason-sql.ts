/**
 * An error span's reason (analyses/error-reason.ts errorReason of error-message.ts describeError) as
 * a ClickHouse expression over one row, so `errors` groups chains by the same signature in a table
 * as in a dump. Each step below names the line of the TypeScript it mirrors.
 *
 * Differences are in what RE2 cannot say: error-reason.ts's look-ahead patterns are written without
 * look-ahead (a whole word of hex digits is tested word by word, a number's unit is captured and put
 * back); JavaScript's \s and trim() white space is spelled out. Attribute values are text in the
 * table, which the TypeScript reads the same way (a number becomes its decimal text).
 */
import { JS_SPACE_CLASS } from './where-sql.js';
import type { Params } from './statement.js';

/**
 * describeError's parts as three columns of a SELECT over the table: `error_type` and `error_text`
 * (Nullable(String)), `http_status` (0, or the status when it is 400-599).
 */
export function errorDescriptionColumns(params: Params): string {
  const p = constants(params);
  const ws = JS_SPACE_CLASS;
  const blankRe = p(`^${ws}*$`);
  const trimRe = p(`^${ws}+|${ws}+$`);
  const blank = (x: string): string => `match(${x}, ${blankRe})`;
  const trim = (x: string): string => `replaceRegexpAll(${x}, ${trimRe}, '')`;
  /** stringAttr: the value when present and not blank, else NULL. */
  const attr = (map: string, key: string): string => `if(mapContains(${map}, ${p(key)}) AND NOT ${blank(`${map}[${p(key)}]`)}, ${map}[${p(key)}], NULL)`;

  // lastException: the last event with an exception.type, .message or .stacktrace.
  const exceptionAt = `arrayLastIndex(m -> NOT ${blank(`m[${p('exception.type')}]`)} OR NOT ${blank(`m[${p('exception.message')}]`)} OR NOT ${blank(`m[${p('exception.stacktrace')}]`)}, Events.Attributes)`;
  const exception = `arrayElement(Events.Attributes, ${exceptionAt})`;
  const exType = `if(${exceptionAt} = 0, NULL, ${attr(exception, 'exception.type')})`;
  const exMessage = `if(${exceptionAt} = 0, NULL, ${attr(exception, 'exception.message')})`;
  const stack = `if(${exceptionAt} = 0, NULL, ${attr(exception, 'exception.stacktrace')})`;
  // stackLine: the first line of the stack trace that is not blank, trimmed.
  const stackLine = `nullIf(arrayFirst(l -> l != '', arrayMap(l -> ${trim('l')}, splitByChar('\\n', ifNull(${stack}, '')))), '')`;

  // firstErrorLog: the first event whose `event` is "error" that has error.kind, message or error.object.
  const errorLogAt = `arrayFirstIndex(m -> mapContains(m, ${p('event')}) AND lowerUTF8(${trim(`m[${p('event')}]`)}) = 'error' AND (NOT ${blank(`m[${p('error.kind')}]`)} OR NOT ${blank(`m[${p('message')}]`)} OR NOT ${blank(`m[${p('error.object')}]`)}), Events.Attributes)`;
  const errorLog = `arrayElement(Events.Attributes, ${errorLogAt})`;
  const logKind = `if(${errorLogAt} = 0, NULL, ${attr(errorLog, 'error.kind')})`;
  const logMessage = `if(${errorLogAt} = 0, NULL, coalesce(${attr(errorLog, 'message')}, ${attr(errorLog, 'error.object')}))`;

  // zipkinErrorTag: the `error` tag unless it is just "true" or "false".
  const errorTag = attr('SpanAttributes', 'error');
  const zipkinTag = `if(lowerUTF8(${trim(`ifNull(${errorTag}, '')`)}) IN ('true', 'false'), NULL, ${errorTag})`;

  const type = `coalesce(${exType}, ${logKind})`;
  const text = `coalesce(if(${blank('StatusMessage')}, NULL, StatusMessage), ${exMessage}, ${logMessage}, ${zipkinTag}, ${attr('SpanAttributes', 'otel.status_description')}, ${attr('SpanAttributes', 'grpc.error_message')}, ${stackLine})`;

  // httpErrorStatus: the first of the two keys holding a status 100-599 decides; 400+ is an error.
  const statusRe = p(`^${ws}*[0-9]{3}${ws}*$`);
  const status = (key: string): string => `if(mapContains(SpanAttributes, ${p(key)}) AND match(SpanAttributes[${p(key)}], ${statusRe}), toUInt16OrZero(${trim(`SpanAttributes[${p(key)}]`)}), 0)`;
  const valid = (x: string): string => `(${x} BETWEEN 100 AND 599)`;
  const code = `multiIf(${valid(status('http.response.status_code'))}, ${status('http.response.status_code')}, ${valid(status('http.status_code'))}, ${status('http.status_code')}, 0)`;
  return `${type} AS error_type,
        ${text} AS error_text,
        if(${code} >= 400, ${code}, 0) AS http_status`;
}

/** errorReason from the columns above: the type, else the normalized text; with the HTTP status; else "HTTP n" or "error". */
export function errorReasonSql(params: Params): string {
  const base = `coalesce(error_type, if(error_text IS NULL, NULL, ${normalizeSql('error_text', params)}))`;
  const http = `if(http_status = 0, NULL, concat('HTTP ', toString(http_status)))`;
  return `multiIf(ifNull(${base}, '') != '' AND ${http} IS NOT NULL, concat(${base}, ' (', ${http}, ')'), ifNull(${base}, '') != '', ${base}, ifNull(${http}, 'error'))`;
}

/** Parameters for constant strings, one per distinct value. */
function constants(params: Params): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let ref = seen.get(value);
    if (ref === undefined) {
      ref = params.ref('String', value);
      seen.set(value, ref);
    }
    return ref;
  };
}

/** normalizeErrorText: the same replacements in the same order. */
export function normalizeSql(text: string, params: Params): string {
  const p = constants(params);
  const ws = JS_SPACE_CLASS;
  let s = `ifNull(${text}, '')`;
  // TIMESTAMP, UUID, IPV4, HEX_PREFIXED: look-ahead free already.
  s = `replaceRegexpAll(${s}, ${p('(?i)\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?')}, '<time>')`;
  s = `replaceRegexpAll(${s}, ${p('(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b')}, '<uuid>')`;
  s = `replaceRegexpAll(${s}, ${p('\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b')}, '<ip>')`;
  s = `replaceRegexpAll(${s}, ${p('(?i)\\b0x[0-9a-f]+\\b')}, '<hex>')`;
  // HEX_RUN: a whole word of 8+ hex digits with a digit and a letter, tested word by word.
  const words = `extractAll(${s}, ${p('[A-Za-z0-9_]+|[^A-Za-z0-9_]+')})`;
  s = `arrayStringConcat(arrayMap(w -> if(match(w, ${p('(?i)^[0-9a-f]{8,}$')}) AND match(w, ${p('[0-9]')}) AND match(w, ${p('(?i)[a-f]')}), '<hex>', w), ${words}))`;
  // NUMBER_WITH_UNIT: the unit is captured and written back instead of looked ahead at.
  s = `replaceRegexpAll(${s}, ${p('(?i)\\b\\d+(?:\\.\\d+)?([a-zµ]{1,3})\\b')}, '<n>\\\\1')`;
  // MIXED_WORD: a word with a digit and a letter (or _), as the two look-aheads require.
  s = `replaceRegexpAll(${s}, ${p('(?i)\\b(?:[a-z_]+\\d|\\d+[a-z_])[a-z0-9_]*\\b')}, '<id>')`;
  s = `replaceRegexpAll(${s}, ${p('\\d+(?:\\.\\d+)?')}, '<n>')`;
  s = `trimBoth(replaceRegexpAll(${s}, ${p(`${ws}+`)}, ' '))`;
  return s;
}
