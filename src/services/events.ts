/** What happens in Pandu that other parts react to, with what each event carries. */
export interface AppEvents {
  /** A person's profile changed through one of their identities (language, onboarding, linking). */
  profileChanged: { identityId: string };
  /**
   * Something a person's own overview shows changed: an assessment recorded or confirmed, a place
   * taken or given up, JP credited, a survey invitation opened, answered or closed.
   */
  progressChanged: { personId: string; what: "assessment" | "enrolment" | "jp" | "survey" };
  /** A person's staff roles changed. */
  rolesChanged: { personId: string };
  /** A person's identities were erased. */
  identitiesErased: { identityIds: readonly string[] };
  /** Something was put in the outbox (the running dispatchers send what is due at once). */
  deliveryScheduled: Record<string, never>;
}

type Listener<T> = (payload: T) => void | Promise<void>;

/**
 * A small typed event hub: parts that react to a change subscribe, instead of being handed a
 * reference that is filled in later. Listeners are side effects: one that fails never fails the
 * change that was announced, nor the other listeners.
 */
export function createEventHub<E extends object = AppEvents>(onError: (err: unknown) => void = () => {}) {
  const listeners = new Map<keyof E, Listener<never>[]>();
  return {
    /** Calls `listener` on every `event` from now on. */
    on<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as Listener<never>]);
    },
    /** Tells every listener of `event`; never throws, never waits. */
    emit<K extends keyof E>(event: K, payload: E[K]): void {
      for (const listener of listeners.get(event) ?? []) {
        try {
          void Promise.resolve((listener as Listener<E[K]>)(payload)).catch(onError);
        } catch (err) {
          onError(err);
        }
      }
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub<AppEvents>>;
