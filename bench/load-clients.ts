/**
 * The clients of bench/load.ts, in a process of their own so the load they
 * make takes no time from the server they measure. Each client signs in as
 * its person and repeats its person's work until the time is up:
 *   - a service head reads their activities and posts a progress update;
 *   - the chair reads the overdue review by lead agency and the exception report;
 *   - a viewer renders a paper (appendix, progress report; Word now and then, PDF rarely).
 * Prints one line of JSON: every request's kind, status and time.
 *
 *   node -r ts-node/register/transpile-only bench/load-clients.ts '<json options>'
 */

export interface LoadOptions {
  baseUrl: string;
  seconds: number;
  clients: number;
  password: string;
  planId: string;
  /** 'mixed' (the people's work) or 'health' (the baseline: GET /health only). */
  mix: 'mixed' | 'health';
}

export interface Sample {
  kind: string;
  status: number;
  ms: number;
}

type Person = 'head.csl@demo.test' | 'head.nhs@demo.test' | 'chair@demo.test' | 'viewer@demo.test';

/** Six in ten are service heads, two in ten the chair, two in ten readers of papers: a board week. */
function personOf(index: number): Person {
  const slot = index % 10;
  if (slot < 6) return slot % 2 === 0 ? 'head.csl@demo.test' : 'head.nhs@demo.test';
  return slot < 8 ? 'chair@demo.test' : 'viewer@demo.test';
}

async function run(options: LoadOptions): Promise<Sample[]> {
  const samples: Sample[] = [];
  // Set once everyone has signed in: sign-in (a deliberately slow password hash) is not the load measured.
  let deadline = Infinity;
  /** One request, timed to its last byte; answers the body as text. */
  const call = async (kind: string, path: string, init: RequestInit = {}): Promise<string> => {
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(options.baseUrl + path, init);
      status = response.status;
      return Buffer.from(await response.arrayBuffer()).toString('utf8');
    } finally {
      samples.push({ kind, status, ms: performance.now() - started });
    }
  };

  const signIn = async (index: number): Promise<{ email: Person; headers: Record<string, string> }> => {
    const email = personOf(index);
    const signIn = await fetch(`${options.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: options.password }),
    });
    if (signIn.status !== 200) throw new Error(`${email} could not sign in: ${signIn.status} ${await signIn.text()}`);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    return { email, headers: { Authorization: `Bearer ${accessToken}` } };
  };

  const client = async (index: number, email: Person, headers: Record<string, string>): Promise<void> => {
    let round = 0;
    while (Date.now() < deadline) {
      round += 1;
      if (options.mix === 'health') {
        await call('health', '/health');
        continue;
      }
      if (email.startsWith('head.')) {
        const listed = await call('service head: their activities', '/api/activities?pageSize=50&status=in_progress,not_started', { headers });
        const items = (JSON.parse(listed) as { items?: Array<{ id: string }> }).items ?? [];
        if (items.length === 0) continue;
        const activity = items[(index + round) % items.length];
        await call('service head: progress update', `/api/activities/${activity.id}/updates`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ percentComplete: (round * 7) % 100, note: `Load round ${round}: audits on track, two teams left to visit.` }),
        });
      } else if (email === 'chair@demo.test') {
        await call('chair: overdue review by agency', '/api/reviews/overdue?groupBy=leadAgency&pageSize=50', { headers });
        if (round % 3 === 0) await call('chair: exception report (HTML)', '/api/reviews/exceptions', { headers });
      } else {
        const format = round % 40 === 0 ? 'pdf' : round % 5 === 0 ? 'docx' : 'html';
        const paper = round % 2 === 0 ? 'appendix' : 'progress-report';
        await call(`viewer: ${paper} (${format})`, `/api/plans/${options.planId}/${paper}?format=${format}`, { headers });
      }
    }
  };

  const people = [];
  for (let index = 0; index < options.clients; index++) people.push(await signIn(index));
  deadline = Date.now() + options.seconds * 1000;
  await Promise.all(people.map(({ email, headers }, index) => client(index, email, headers)));
  return samples;
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2]) as LoadOptions;
  run(options)
    .then((samples) => {
      process.stdout.write(JSON.stringify(samples));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
