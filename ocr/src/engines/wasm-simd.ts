import { setFlagsFromString } from 'node:v8';

/**
 * WebAssembly relaxed SIMD for tesseract.js (docs/adr/0005-wasm-relaxed-simd.md).
 *
 * tesseract.js-core ships a relaxed-SIMD build and loads it when `WebAssembly.validate` accepts a
 * relaxed-SIMD module in the worker thread that starts the engine; otherwise it loads the plain
 * 128-bit SIMD build. Node 22+ has the feature on by default; Node 20 (V8 11.3) has it behind
 * `--experimental-wasm-relaxed-simd`. V8 flags are process-wide, so setting the flag here, before
 * the first tesseract.js worker thread is spawned, makes every later worker pick the relaxed build
 * (checked by wasm-simd.test.ts in the worker thread itself). On the scanned fixtures it cut the
 * engine's CPU by ~13 % with the same words.
 */

/** `COTEJO_WASM_RELAXED_SIMD=0` keeps Node 20 on the plain SIMD build (no effect where it is native). */
export const RELAXED_SIMD_ENV = 'COTEJO_WASM_RELAXED_SIMD';
const FLAG = '--experimental-wasm-relaxed-simd';

// The probe tesseract.js uses (wasm-feature-detect's relaxedSimd): i32x4.relaxed_trunc_f32x4_s.
const PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2,
  253, 15, 253, 128, 2, 11,
]);

/**
 * - `native`: the runtime has relaxed SIMD without any flag (Node ≥ 22); nothing was changed.
 * - `enabled`: this module set the V8 flag and the runtime now validates relaxed-SIMD modules.
 * - `disabled`: turned off by `COTEJO_WASM_RELAXED_SIMD=0`; tesseract.js uses the plain SIMD build.
 * - `unavailable`: the flag was set but had no effect (a runtime without the feature).
 */
export type RelaxedSimdState = 'native' | 'enabled' | 'disabled' | 'unavailable';

let state: RelaxedSimdState | undefined;

// The project's lib settings (ES2022, no DOM) leave out the WebAssembly namespace Node has.
const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** Whether this thread's runtime accepts relaxed-SIMD WebAssembly now (tesseract.js's own test). */
export function relaxedSimdSupported(): boolean {
  return wasm.validate(PROBE);
}

/**
 * Turns on WebAssembly relaxed SIMD for the whole process unless the runtime already has it or the
 * environment switch says no. Idempotent; call before tesseract.js spawns its worker threads
 * (a worker that already loaded its core keeps the build it loaded).
 */
export function enableWasmRelaxedSimd(env: NodeJS.ProcessEnv = process.env): RelaxedSimdState {
  if (state) return state;
  if (relaxedSimdSupported()) return (state = 'native');
  if (env[RELAXED_SIMD_ENV] === '0') return (state = 'disabled');
  try {
    setFlagsFromString(FLAG);
  } catch {
    // A runtime without the flag: tesseract.js falls back to the plain SIMD build by itself.
  }
  return (state = relaxedSimdSupported() ? 'enabled' : 'unavailable');
}

/** What enableWasmRelaxedSimd decided in this process, if it ran. */
export function relaxedSimdState(): RelaxedSimdState | undefined {
  return state;
}
