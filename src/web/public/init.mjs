// govuk-frontend's own behaviour (error summary focus, character count,
// service navigation menu, password reveal). The pages work without it.
import { initAll } from './govuk-frontend.min.js';

initAll();
