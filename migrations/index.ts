import { CreatePlans1763820000000 } from './1763820000000-CreatePlans';

/** Every migration in order; the app, the CLI and tests run exactly this list. */
export const MIGRATIONS = [CreatePlans1763820000000];
