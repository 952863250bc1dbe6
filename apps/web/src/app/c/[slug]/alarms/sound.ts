'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

const STORAGE_KEY = 'linli.alarmSound';

/**
 * A short two-tone beep for critical alarms, made with an oscillator (no audio file). Browsers only
 * allow sound after the user has interacted with the page, so the AudioContext is created then.
 */
export function useAlarmSound() {
  const [enabled, setEnabledState] = useState(true);
  const [ready, setReady] = useState(false);
  const ctx = useRef<AudioContext | null>(null);

  useEffect(() => {
    try {
      if (localStorage.getItem(STORAGE_KEY) === 'off') setEnabledState(false);
    } catch {
      /* private mode: keep the default */
    }
    const unlock = () => {
      if (!ctx.current) {
        const AC = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
        if (!AC) return;
        ctx.current = new AC();
      }
      void ctx.current.resume().then(() => setReady(true));
    };
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      void ctx.current?.close();
      ctx.current = null;
    };
  }, []);

  const setEnabled = useCallback((on: boolean) => {
    setEnabledState(on);
    try {
      localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      /* ignore */
    }
  }, []);

  const beep = useCallback(() => {
    const ac = ctx.current;
    if (!enabled || !ac || ac.state !== 'running') return false;
    const start = ac.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ac.createOscillator();
      const gain = ac.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t0 = start + i * 0.22;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
      osc.connect(gain).connect(ac.destination);
      osc.start(t0);
      osc.stop(t0 + 0.2);
    }
    return true;
  }, [enabled]);

  return { enabled, setEnabled, ready, beep };
}
