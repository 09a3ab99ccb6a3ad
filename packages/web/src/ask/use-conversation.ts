import { useCallback, useEffect, useRef, useState } from 'react';
import type { AskAnswer } from '../api/ask-types.ts';
import { useApi } from '../app-context.tsx';

const storageKey = (datasetId: string) => `uam.ask.${datasetId}`;

export interface ConversationState {
  turns: AskAnswer[];
  asking: string | null;
  error: unknown;
  pinned: ReadonlySet<string>;
  ask: (question: string) => Promise<void>;
  pin: (turn: AskAnswer) => Promise<void>;
  reset: () => void;
  /** Show an earlier conversation and continue it. */
  open: (conversationId: string) => Promise<void>;
  clearError: () => void;
}

/**
 * The open conversation with a dataset: its turns, the question in flight, and pins. The
 * conversation id is remembered for the browser tab, so a reload shows the same conversation.
 */
export function useConversation(datasetId: string, version: number | null): ConversationState {
  const api = useApi();
  const [turns, setTurns] = useState<AskAnswer[]>([]);
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set());
  const conversationId = useRef<string | null>(null);

  useEffect(() => {
    const saved = sessionStorage.getItem(storageKey(datasetId));
    conversationId.current = saved;
    setTurns([]);
    if (!saved) return;
    let live = true;
    api.ask
      .conversation(saved)
      .then((r) => live && setTurns(r.turns))
      .catch(() => {
        sessionStorage.removeItem(storageKey(datasetId));
        conversationId.current = null;
      });
    return () => {
      live = false;
    };
  }, [api, datasetId]);

  const ask = useCallback(
    async (question: string) => {
      const q = question.trim();
      if (!q) return;
      setAsking(q);
      setError(null);
      try {
        const answer = await api.ask.ask(datasetId, {
          question: q,
          ...(version !== null ? { version } : {}),
          ...(conversationId.current ? { conversationId: conversationId.current } : {}),
        });
        conversationId.current = answer.conversationId;
        sessionStorage.setItem(storageKey(datasetId), answer.conversationId);
        setTurns((t) => [...t, answer]);
      } catch (err) {
        setError(err);
      } finally {
        setAsking(null);
      }
    },
    [api, datasetId, version],
  );

  const pin = useCallback(
    async (turn: AskAnswer) => {
      try {
        await api.ask.pin(turn.conversationId, turn.turnId);
        setPinned((s) => new Set(s).add(turn.turnId));
      } catch (err) {
        setError(err);
      }
    },
    [api],
  );

  const reset = useCallback(() => {
    conversationId.current = null;
    sessionStorage.removeItem(storageKey(datasetId));
    setTurns([]);
    setError(null);
  }, [datasetId]);

  const open = useCallback(
    async (id: string) => {
      try {
        const r = await api.ask.conversation(id);
        conversationId.current = id;
        sessionStorage.setItem(storageKey(datasetId), id);
        setTurns(r.turns);
        setError(null);
      } catch (err) {
        setError(err);
      }
    },
    [api, datasetId],
  );

  return { turns, asking, error, pinned, ask, pin, reset, open, clearError: () => setError(null) };
}
