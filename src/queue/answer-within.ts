import type { Response } from 'express';

/**
 * Answers 503 for a handler that has not answered within `timeoutMs` (bull-board,
 * whose calls to Redis we cannot bound one by one), and quietly drops whatever
 * that handler writes later instead of letting it fail on a response already sent.
 */
export function answerWithin(response: Response, timeoutMs: number, message: string): void {
  const timer = setTimeout(() => {
    if (response.headersSent) return;
    response.status(503).json({ statusCode: 503, message });
    const ignore = () => response;
    Object.assign(response, { status: ignore, setHeader: ignore, writeHead: ignore, write: () => true, end: ignore, render: () => undefined });
  }, timeoutMs);
  response.once('finish', () => clearTimeout(timer));
  response.once('close', () => clearTimeout(timer));
}
