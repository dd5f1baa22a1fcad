/**
 * The conv member's max-pooling kernel as WebAssembly SIMD (128-bit, four Float32 lanes), generated
 * here for the member's shape: no toolchain, no binary file, a module of a few hundred bytes.
 *
 * For one sentence and one filter width `w`, the caller writes into `rows` the byte offset of the
 * table row of each window position t and tap k (`rows[t·w + k]`; a row holds the `F` filters' responses
 * of one word at one tap, see `tapTables` in `checkworthiness-conv.ts`). The kernel sums the `w` rows of
 * each window, sixteen filters at a time in four v128 accumulators, keeps the running maximum over the
 * windows, and stores the `F` maxima at `out`. The caller adds the bias and applies the ReLU
 * (max over t of b + x_t is b + max over t of x_t). Sums are Float32, so results agree with the JS
 * loop to Float32 rounding, not bit for bit.
 *
 * Why: the JS loop costs ~5 µs a sentence and was most of the model's time in the pipeline; the kernel
 * does the same work in ~1/4 of the instructions (one row-offset load serves sixteen filters).
 */

/** The part of the WebAssembly API used here (the project's `lib` has no DOM types, and @types/node 20 declares none). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** A compiled kernel: `pool[width index](rows pointer, positions, out pointer)` writes the width's `F` maxima at `out`. */
export interface PoolKernel {
  memory: { readonly buffer: ArrayBuffer };
  /** Byte offset of each width's table in `memory`. */
  tableBase: number[];
  /** Each width's table as a view on `memory`, for the caller to fill. */
  tables: Float32Array[];
  /** Byte offset of the row-offset scratch (Int32, `maxPositions × max width`). */
  rows: number;
  /** Byte offset of the output (Float32 × F). */
  out: number;
  pool: ((rowsPtr: number, positions: number, outPtr: number) => void)[];
}

const F32X4_NEG_INF = [0, 0, 0x80, 0xff]; // -Infinity, little-endian Float32

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return out.push(b), out;
    out.push(b | 0x80);
  }
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, "latin1")];

// Opcodes (WebAssembly core and SIMD spec).
const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32LtU: [0x49],
  i32Load: (offset: number) => [0x28, 2, ...uleb(offset)],
  v128Load: (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)],
  v128Store: (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)],
  v128ConstNegInf: [0xfd, 0x0c, ...F32X4_NEG_INF, ...F32X4_NEG_INF, ...F32X4_NEG_INF, ...F32X4_NEG_INF],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Pmax: [0xfd, 0xeb, 0x01],
  loop: [0x03, 0x40],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
};

/** The body of `pool` for width `w` and `F` filters (F a multiple of 16). */
function poolBody(w: number, F: number): number[] {
  // Params 0 rows, 1 positions, 2 out; locals 3 p, 4 end, 5 r (i32), 6–9 maxima, 10–13 sums (v128).
  const [ROWS, POS, OUT, P, END, R] = [0, 1, 2, 3, 4, 5];
  const M = (g: number) => 6 + g;
  const A = (g: number) => 10 + g;
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((x) => code.push(...x));
  for (let fb = 0; fb < F * 4; fb += 64) {
    for (let g = 0; g < 4; g++) emit(op.v128ConstNegInf, op.localSet(M(g)));
    emit(op.localGet(ROWS), op.localSet(P));
    emit(op.localGet(ROWS), op.localGet(POS), op.i32Const(w * 4), op.i32Mul, op.i32Add, op.localSet(END));
    emit(op.loop);
    for (let k = 0; k < w; k++) {
      emit(op.localGet(P), op.i32Load(k * 4), op.localSet(R));
      for (let g = 0; g < 4; g++) {
        if (k === 0) emit(op.localGet(R), op.v128Load(fb + 16 * g), op.localSet(A(g)));
        else emit(op.localGet(A(g)), op.localGet(R), op.v128Load(fb + 16 * g), op.f32x4Add, op.localSet(A(g)));
      }
    }
    for (let g = 0; g < 4; g++) emit(op.localGet(M(g)), op.localGet(A(g)), op.f32x4Pmax, op.localSet(M(g)));
    emit(op.localGet(P), op.i32Const(w * 4), op.i32Add, op.localTee(P), op.localGet(END), op.i32LtU, op.brIf(0), op.end);
    for (let g = 0; g < 4; g++) emit(op.localGet(OUT), op.localGet(M(g)), op.v128Store(fb + 16 * g));
  }
  const locals = vec([
    [...uleb(3), 0x7f],
    [...uleb(8), 0x7b],
  ]);
  const body = [...locals, ...code, ...op.end];
  return [...uleb(body.length), ...body];
}

/** The module's bytes: one memory of `pages` pages and one `pool` function per width. */
export function poolModule(widths: readonly number[], F: number, pages: number): Uint8Array<ArrayBuffer> {
  const type = section(1, vec([[0x60, ...vec([[0x7f], [0x7f], [0x7f]]), 0x00]]));
  const funcs = section(3, vec(widths.map(() => [0x00])));
  const memory = section(5, vec([[0x00, ...uleb(pages)]]));
  const exports = section(7, vec([[...name("memory"), 0x02, 0x00], ...widths.map((_, i) => [...name(`pool${i}`), 0x00, ...uleb(i)])]));
  const code = section(10, vec(widths.map((w) => poolBody(w, F))));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exports, ...code]);
}

/**
 * Compile the kernel for a member's shape, with room in its memory for tap tables of `tableLengths`
 * floats (the caller fills `tables`), or undefined where it cannot run (no WebAssembly SIMD, or `F`
 * not a multiple of 16): the caller keeps its JS loop.
 */
export function compilePoolKernel(widths: readonly number[], F: number, tableLengths: readonly number[], maxPositions: number): PoolKernel | undefined {
  if (F % 16 !== 0 || !wasm) return undefined;
  const maxW = Math.max(...widths);
  const tableBase: number[] = [];
  let at = 0;
  for (const n of tableLengths) {
    tableBase.push(at);
    at += n * 4;
  }
  const rows = at;
  at += maxPositions * maxW * 4;
  const out = (at + 15) & ~15;
  at = out + F * 4;
  const pages = Math.ceil(at / 65536);
  const bytes = poolModule(widths, F, pages);
  if (!wasm.validate(bytes)) return undefined;
  const instance = new wasm.Instance(new wasm.Module(bytes));
  const memory = instance.exports.memory as PoolKernel["memory"];
  const tables = tableLengths.map((n, i) => new Float32Array(memory.buffer, tableBase[i], n));
  const pool = widths.map((_, i) => instance.exports[`pool${i}`] as (rowsPtr: number, positions: number, outPtr: number) => void);
  return { memory, tableBase, tables, rows, out, pool };
}
