import { availableParallelism, cpus, loadavg } from 'node:os';
import { createNativeEngine, nativeTesseractAvailable } from '../engines/native.js';
import { createTesseractJsEngine, DEFAULT_PSM } from '../engines/tesseractjs.js';
import { enableWasmRelaxedSimd, type RelaxedSimdState } from '../engines/wasm-simd.js';
import type { OcrEngine } from '../types.js';
import { benchBornDigital, type BornDigitalRun } from './born-digital.js';
import { loadFixtures } from './fixtures.js';
import { evalRealDocs, loadRealDocSamples, type RealDocsEval } from './real-docs.js';
import { loadScannedSamples, runEngine, warmUp, type EngineRun, type OcrSample } from './scanned.js';

export interface BenchPipelineOptions {
  /** The repository's fixtures/ directory (born-digital/ and scanned/ with truth files). */
  fixturesDir: string;
  /** When true nothing is logged; the caller prints the returned figures as JSON. */
  json?: boolean;
  /** ../shared/real-docs, for the WER check on documents 17 and 19; skipped when absent. */
  realDocsDir?: string;
  /** Threads and OCR concurrency; default 2 (the target machine). */
  threads?: number;
  /** Passes over the born-digital fixtures; default 3. */
  rounds?: number;
  /** Cap on scanned pages, for quick runs. */
  scannedPageLimit?: number;
  /**
   * Alternating native/ours passes over the scanned pages; default 3. On a shared machine the
   * load moves between two runs a minute apart: interleaving and summing several passes keeps
   * the comparison fair.
   */
  scannedRounds?: number;
}

type Run = Omit<EngineRun, 'perPage'>;

export interface BenchPipelineResult {
  machine: {
    cpus: number;
    model: string;
    node: string;
    loadAverageAtStart: number[];
    nativeTesseract: boolean;
    /** Which tesseract.js wasm build the workers load (docs/adr/0005-wasm-relaxed-simd.md). */
    wasmRelaxedSimd: RelaxedSimdState;
  };
  /** Pages in worker threads of one process, as the embedded server (and one `cotejo worker`) runs them. */
  bornDigital: BornDigitalRun & { target: number; meetsTarget: boolean };
  /** The same in one process per thread, as one `cotejo worker` per core runs them on a server database. */
  bornDigitalProcesses: BornDigitalRun & { target: number; meetsTarget: boolean };
  scanned?: {
    pages: number;
    ours: Run;
    nativeSamePsm?: Run;
    nativeOtherSettings: Run[];
    /** Ours vs native at the same PSM over all rounds (pages/s, and native CPU s/page over ours). */
    throughputRatio?: number;
    cpuRatio?: number;
    /** Each alternating round on its own, with the 1-minute load average when it ended. */
    rounds?: { cpuRatio: number; throughputRatio: number; loadAverage: number }[];
    werVsNativeBest?: number;
  };
  realDocs: RealDocsEval[];
}

/** Runs the pipeline benchmark (`cotejo bench pipeline --json`): born-digital pages/s, scanned OCR vs native, WER. */
export async function benchPipeline(options: BenchPipelineOptions): Promise<BenchPipelineResult> {
  const threads = options.threads ?? 2;
  const log = options.json ? () => undefined : (msg: string) => process.stderr.write(`${msg}\n`);
  const machine = {
    cpus: availableParallelism(),
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    nativeTesseract: nativeTesseractAvailable(),
    wasmRelaxedSimd: enableWasmRelaxedSimd(),
  };
  log(`born-digital: ${threads} threads`);
  const files = loadFixtures(options.fixturesDir, 'born-digital').map((f) => f.pdfPath);
  const withTarget = (run: BornDigitalRun) => ({ ...run, target: 30, meetsTarget: run.pagesPerSecond >= 30 });
  const bornDigital = withTarget(await benchBornDigital(files, threads, options.rounds ?? 3));
  log(`born-digital: ${threads} processes`);
  const bornDigitalProcesses = withTarget(
    await benchBornDigital(files, threads, options.rounds ?? 3, undefined, { processes: true }),
  );
  const ours = createTesseractJsEngine(threads);
  try {
    const samples = await loadScannedSamples(
      loadFixtures(options.fixturesDir, 'scanned'),
      options.scannedPageLimit,
    );
    log(`scanned: ${samples.length} pages`);
    const scanned =
      samples.length > 0
        ? await benchScanned(samples, ours, threads, machine.nativeTesseract, options.scannedRounds ?? 3, log)
        : undefined;
    const real = options.realDocsDir ? await loadRealDocSamples(options.realDocsDir) : [];
    log(`real documents: ${real.length}`);
    const realDocs =
      real.length > 0 ? await evalRealDocs(real, ours, nativeSettings(machine.nativeTesseract, threads)) : [];
    return { machine, bornDigital, bornDigitalProcesses, scanned, realDocs };
  } finally {
    await ours.close();
  }
}

function nativeSettings(
  available: boolean,
  threads: number,
): Record<string, { engine: OcrEngine; psm: number }> {
  if (!available) return {};
  const plain = createNativeEngine(threads, { raw: true });
  const prepared = createNativeEngine(threads);
  return {
    'native psm 3': { engine: plain, psm: 3 },
    'native psm 4': { engine: plain, psm: 4 },
    'native psm 6': { engine: plain, psm: 6 },
    'native + our preprocessing psm 4': { engine: prepared, psm: 4 },
    'native + our preprocessing psm 6': { engine: prepared, psm: 6 },
  };
}

async function benchScanned(
  samples: OcrSample[],
  ours: OcrEngine,
  threads: number,
  native: boolean,
  rounds: number,
  log: (msg: string) => void,
): Promise<BenchPipelineResult['scanned']> {
  // Workers start and load traineddata once per process; the fixtures mix Spanish and English.
  await warmUp(ours, samples, threads, DEFAULT_PSM);
  const strip = ({ perPage: _perPage, ...run }: EngineRun): Run => run;
  const settings = Object.entries(nativeSettings(native, threads));
  // Same images, same run: native at our PSM and ours alternate, then the other native settings.
  const same = settings.find(([name]) => name === `native psm ${DEFAULT_PSM}`);
  const oursLabel = `tesseract.js + preprocessing psm ${DEFAULT_PSM}`;
  const oursRuns: Run[] = [];
  const nativeRuns: Run[] = [];
  const perRound: NonNullable<NonNullable<BenchPipelineResult['scanned']>['rounds']> = [];
  for (let r = 0; r < Math.max(1, rounds); r++) {
    log(`round ${r + 1}: native psm ${DEFAULT_PSM}, ours`);
    const nativeRun = same
      ? strip(await runEngine(same[0], same[1].engine, samples, same[1].psm))
      : undefined;
    const oursRun = strip(await runEngine(oursLabel, ours, samples, DEFAULT_PSM));
    oursRuns.push(oursRun);
    if (!nativeRun) continue;
    nativeRuns.push(nativeRun);
    perRound.push({
      cpuRatio: round((nativeRun.cpuSecondsPerPage ?? 0) / (oursRun.cpuSecondsPerPage ?? 1)),
      throughputRatio: round(oursRun.pagesPerSecond / nativeRun.pagesPerSecond),
      loadAverage: round(loadavg()[0] ?? 0),
    });
  }
  const oursRun = combine(oursRuns);
  const nativeSamePsm = nativeRuns.length > 0 ? combine(nativeRuns) : undefined;
  const others: Run[] = [];
  for (const [name, { engine, psm }] of settings.filter(([name]) => name !== same?.[0])) {
    log(name);
    others.push(strip(await runEngine(name, engine, samples, psm)));
  }
  const best = [nativeSamePsm, ...others]
    .filter((r): r is Run => r !== undefined)
    .sort((a, b) => a.wer - b.wer)[0];
  return {
    pages: samples.length,
    ours: oursRun,
    nativeSamePsm,
    nativeOtherSettings: others,
    throughputRatio: nativeSamePsm ? round(oursRun.pagesPerSecond / nativeSamePsm.pagesPerSecond) : undefined,
    cpuRatio:
      nativeSamePsm?.cpuSecondsPerPage && oursRun.cpuSecondsPerPage
        ? round(nativeSamePsm.cpuSecondsPerPage / oursRun.cpuSecondsPerPage)
        : undefined,
    rounds: perRound.length > 0 ? perRound : undefined,
    werVsNativeBest: best ? round(oursRun.wer - best.wer) : undefined,
  };
}

/** Several passes of one engine over the same pages as one run: totals of pages, seconds and CPU. */
function combine(runs: Run[]): Run {
  const first = runs[0]!;
  const pages = runs.reduce((sum, r) => sum + r.pages, 0);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const cpu = runs.every((r) => r.cpuSecondsPerPage !== undefined)
    ? runs.reduce((sum, r) => sum + (r.cpuSecondsPerPage ?? 0) * r.pages, 0) / pages
    : undefined;
  return {
    label: runs.length > 1 ? `${first.label} (${runs.length} passes)` : first.label,
    pages,
    seconds: round(seconds),
    pagesPerSecond: round(pages / seconds),
    // OCR is deterministic: every pass reads the same words; the worst pass is reported all the same.
    wer: Math.max(...runs.map((r) => r.wer)),
    cpuSecondsPerPage: cpu === undefined ? undefined : round(cpu),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
