/**
 * Compile-time proof that a documented response class and the view function it
 * documents have the same fields: `type Checked = Assert<Describes<PlanResponse, PlanView>>`
 * stops the type-check when someone adds, drops or retypes a field on one side only.
 */
export type Describes<Documented, View> = [Documented] extends [View] ? ([View] extends [Documented] ? true : false) : false;

export type Assert<T extends true> = T;
