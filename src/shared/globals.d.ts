// Globals present in every runtime Timonel targets (browsers, workers, Node >= 17) but not
// declared by the plain ES2022 lib the pure layers compile against.
declare function structuredClone<T>(value: T): T;
