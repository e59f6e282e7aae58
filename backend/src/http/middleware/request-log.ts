/**
 * One log line per request when the log level includes `info` (the default): method, path, status
 * and milliseconds, with the request id; a request whose client went away first is a warning.
 * At `warn` and above it costs nothing per request (failures are logged by the error middleware).
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from '../request.js';

export function requestLog(logger: Logger, skip: (path: string) => boolean = () => false): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled('info') || skip(req.path)) return next();
    const started = performance.now();
    const fields = () => ({
      req: { id: requestIdOf(req), method: req.method, url: req.originalUrl },
      res: { statusCode: res.statusCode },
      responseTime: Math.round(performance.now() - started),
    });
    res.once('close', () => {
      if (!res.writableFinished) logger.warn(fields(), 'request aborted');
      else if (res.statusCode >= 500) logger.error(fields(), 'request errored');
      else logger.info(fields(), 'request completed');
    });
    next();
  };
}
