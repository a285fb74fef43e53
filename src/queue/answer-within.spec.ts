import express from 'express';
import request from 'supertest';
import { answerWithin } from './answer-within';

describe('answerWithin', () => {
  const late: Array<Promise<unknown>> = [];
  const app = express();
  // What bull-board does once Redis finally answers: its data, or its error handler's 500.
  const replies: Record<string, (res: express.Response) => void> = {
    data: (res) => res.status(200).json({ queues: [] }),
    error: (res) => res.status(500).send({ error: 'Redis went away' }),
  };
  app.get('/:reply/:ms', (req, res) => {
    answerWithin(res, 100, 'The reminder queue is down: Redis did not answer within 100 ms');
    late.push(
      new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            replies[req.params.reply as string](res);
            resolve(undefined);
          } catch (error) {
            reject(error);
          }
        }, Number(req.params.ms)),
      ),
    );
  });

  it.each(['data', 'error'])('answers 503 for a handler that takes longer than the deadline, and ignores its late %s', async (reply) => {
    const started = Date.now();
    const response = await request(app).get(`/${reply}/400`);
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ statusCode: 503, message: 'The reminder queue is down: Redis did not answer within 100 ms' });
    expect(Date.now() - started).toBeLessThan(400);
    // The late write neither throws nor reaches anyone.
    await expect(Promise.all(late)).resolves.toBeDefined();
  });

  it('leaves a handler that answers in time alone', async () => {
    const response = await request(app).get('/data/10');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ queues: [] });
  });
});
