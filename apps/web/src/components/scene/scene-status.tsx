'use client';
import { useTranslations } from 'next-intl';
import styles from './scene.module.css';

/**
 * The overlays over a scene's canvas while it loads or when it cannot: waiting for data or the
 * WebGL widget, building the model, no WebGL, and a failed load with a retry.
 */
export function SceneStatus(props: {
  waiting: boolean;
  modelLoading: boolean;
  glError: string | null;
  /** Set (possibly empty) when the data or the model failed to load. */
  loadError: string | null;
  onRetry: () => void;
}) {
  const t = useTranslations('scene');
  const { waiting, modelLoading, glError, loadError, onRetry } = props;
  return (
    <>
      {waiting && !glError && <div className={styles.overlay}>{t('loading')}</div>}
      {modelLoading && <div className={styles.overlay}>{t('loadingModel')}</div>}
      {glError && <div className={`${styles.overlay} ${styles.overlayError}`}>{t('webglError', { message: glError })}</div>}
      {loadError !== null && (
        <div className={`${styles.overlay} ${styles.overlayError}`} role="alert">
          {t('loadError', { message: loadError })}
          <button type="button" className="btn btn-small" onClick={onRetry}>
            {t('retry')}
          </button>
        </div>
      )}
    </>
  );
}
