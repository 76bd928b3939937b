import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

/** A file as chunks: a read stream, or an array holding one buffer. */
export type ByteSource = AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

export type RosterEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Enough of the file to tell UTF-8 from GBK: Chinese text appears in the header row already.
const SNIFF_BYTES = 64 * 1024;

/** UTF-8 when the sample decodes as UTF-8 (a character cut at the sample's end is fine), else GBK. */
export function sniffEncoding(sample: Buffer): RosterEncoding {
  if (sample.subarray(0, 3).equals(UTF8_BOM)) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/** Decodes a byte stream as UTF-8 (with or without BOM) or GBK, as Excel on Chinese Windows saves CSV. */
async function* decode(source: ByteSource, onEncoding: (e: RosterEncoding) => void): AsyncGenerator<string> {
  const head: Buffer[] = [];
  let headLength = 0;
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined;
  const start = () => {
    const sample = Buffer.concat(head);
    const encoding = sniffEncoding(sample);
    onEncoding(encoding);
    decoder = iconv.getDecoder(encoding === 'gbk' ? 'gbk' : 'utf-8', { stripBOM: true });
    return decoder.write(sample);
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (decoder) {
      yield decoder.write(bytes);
      continue;
    }
    head.push(bytes);
    headLength += bytes.length;
    if (headLength >= SNIFF_BYTES) yield start();
  }
  if (!decoder) yield start();
  const rest = decoder!.end();
  if (rest) yield rest;
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

/** The records of a CSV byte stream with their line numbers; the header is the first record. */
export async function* csvRecords(source: ByteSource, onEncoding: (e: RosterEncoding) => void): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(decode(source, onEncoding)).pipe(
    parse({ info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: info.lines, cells: record };
  }
}
