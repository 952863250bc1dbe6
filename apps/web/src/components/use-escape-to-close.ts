'use client';
import { useEffect, useRef } from 'react';

/**
 * Escape closes a dialog, unless it is busy saving (closing then would hide the outcome).
 * The latest onClose is used without re-subscribing, since parents pass inline functions.
 */
export function useEscapeToClose(onClose: () => void, busy = false): void {
  const latest = useRef({ onClose, busy });
  useEffect(() => {
    latest.current = { onClose, busy };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !latest.current.busy) latest.current.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
