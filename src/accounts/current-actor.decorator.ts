import { createParamDecorator } from '@nestjs/common';
import { Actor, acting } from '../common/request-context';

/** The signed-in person, for controllers that act on "me". */
export const CurrentActor = createParamDecorator((): Actor => {
  const who = acting();
  if (who.kind !== 'person') throw new Error('CurrentActor used outside a signed-in request');
  return who.actor;
});
