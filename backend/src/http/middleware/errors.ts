/** The one error middleware: every failure leaves as {"error":{code,message,details,requestId}}. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.js';
import { requestIdOf } from '../request.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown; requestId: string };
}

/** Renders an AppError (or anything else) in the one error shape. */
export function errorBody(error: AppError, requestId: string): ErrorBody {
  return { error: { code: error.code, message: error.message, details: error.details ?? null, requestId } };
}

/** Converts errors thrown by Express' own parsers and by the runtime into AppErrors. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { type?: string; status?: number; message?: string; code?: string };
  if (e?.type === 'entity.parse.failed')
    return new AppError('invalid_json', 'The request body is not valid JSON');
  if (e?.type === 'entity.too.large')
    return new AppError('payload_too_large', 'The request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('bad_request', 'Unsupported request body encoding');
  }
  if (typeof e?.code === 'string' && e.code in ERROR_CODES && e.code !== 'internal_error') {
    return new AppError(e.code as ErrorCode, e.message ?? e.code);
  }
  return new AppError('internal_error', 'Something went wrong on our side. It has been logged.');
}

/** Answers 404 in the error shape for any unknown API route. */
export const apiNotFound: RequestHandler = (req, res) => {
  const error = new AppError('route_not_found', `No route ${req.method} ${req.path}`);
  res.status(error.status).json(errorBody(error, requestIdOf(req)));
};

/** Express error middleware; logs unexpected errors with the request id. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const error = toAppError(err);
    if (error.status >= 500) logger.error({ err, requestId: req.id }, 'request failed');
    if (res.headersSent) return next(err);
    res.status(error.status).json(errorBody(error, requestIdOf(req)));
  };
}
