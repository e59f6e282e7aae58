/** The documents domain as a server plugin: its routes, and the pipeline workers unless COTEJO_WORKERS=0. */
import type { Router } from 'express';
import type { AppContext } from '../http/context.js';
import type { ServerPlugins } from '../server.js';
import { documentRoutes } from './routes.js';
import { createPipelineRuntime, type PipelineRuntime } from './service.js';

/** Routes and background workers sharing one pipeline runtime per server. */
export function documentsPlugin(): {
  routers: (ctx: AppContext) => Array<[string, Router]>;
  background: NonNullable<ServerPlugins['background']>;
  /** The pipeline this server runs (the demo imports through it so its own workers pick the jobs up). */
  runtime: (ctx: AppContext) => PipelineRuntime['deps'];
} {
  const runtimes = new WeakMap<AppContext, PipelineRuntime>();
  const runtimeOf = (ctx: AppContext) => {
    let runtime = runtimes.get(ctx);
    if (!runtime) runtimes.set(ctx, (runtime = createPipelineRuntime(ctx)));
    return runtime;
  };
  return {
    routers: (ctx) => [['/', documentRoutes(ctx, runtimeOf(ctx).deps)]],
    background: async (ctx) => [await runtimeOf(ctx).startWorkers()],
    runtime: (ctx) => runtimeOf(ctx).deps,
  };
}
