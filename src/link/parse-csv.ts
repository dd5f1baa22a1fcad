/** One parsed CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parse RFC 4180 CSV text: comma-separated fields, double-quoted fields that may hold commas,
 * doubled quotes (`""`) and line breaks; `\r\n`, `\n` or `\r` end a record. A leading BOM is
 * dropped and fully blank lines are skipped. Throws `CsvSyntaxError` on a quote that never closes
 * or text after a closing quote.
 *
 * @example
 * parseCsv('a,b\n"x, y","say ""hi"""\n'); // [{line:1,fields:["a","b"]},{line:2,fields:["x, y",'say "hi"']}]
 */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = "";
  let recordLine = 1;
  let quotedRecord = false;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "" && !quotedRecord)) out.push({ line: recordLine, fields });
    fields = [];
    field = "";
    quotedRecord = false;
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === "") {
      // Quoted field: read to the closing quote.
      const startLine = line;
      quotedRecord = true;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(startLine, "quoted field never closes");
        const d = text[i];
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === "\r" && text[i + 1] === "\n") {
          field += "\r\n";
          i += 2;
          line++;
          continue;
        }
        if (d === "\n" || d === "\r") line++;
        field += d;
        i++;
      }
      const after = text[i];
      if (after !== undefined && after !== "," && after !== "\n" && after !== "\r") {
        throw new CsvSyntaxError(line, "text after a closing quote");
      }
      // Keep the field non-empty-marked: a quoted empty field is still a field.
      if (after === ",") {
        fields.push(field);
        field = "";
        i++;
      }
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || fields.length > 0 || quotedRecord) endRecord();
  return out;
}

/** A CSV syntax error at a 1-based line. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
