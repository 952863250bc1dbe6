import { defineKind, num, threshold } from './define';

// PM2.5 bands follow HJ 633 (75 = lightly polluted, 150 = moderately); they hold for 30 minutes
// first because the limits are for averages, not single readings.
export const environment = defineKind({
  kind: 'environment',
  fiware: 'AirQualityObserved',
  family: 'environment',
  nameZh: '环境监测站',
  nameEn: 'Environment station',
  heartbeatSeconds: 300,
  metrics: [
    num('pm25', 'PM2.5', 'PM2.5', 'µg/m³', 0, 1000),
    num('pm10', 'PM10', 'PM10', 'µg/m³', 0, 2000),
    num('temperature', '气温', 'Air temperature', '°C', -50, 70),
    num('humidity', '相对湿度', 'Relative humidity', '%', 0, 100),
    num('pressure', '气压', 'Air pressure', 'hPa', 300, 1100),
    num('rain', '降雨强度', 'Rainfall rate', 'mm/h', 0, 500),
    num('noise', '噪声', 'Noise', 'dB(A)', 20, 140),
  ],
  rules: [
    threshold('pm25_minor', 'pm25', '>', 75, 'minor', 'PM2.5 轻度污染', 'PM2.5 light pollution', {
      clearValue: 60,
      minDurationSeconds: 1800,
    }),
    threshold('pm25_major', 'pm25', '>', 150, 'major', 'PM2.5 中度及以上污染', 'PM2.5 moderate or worse pollution', {
      clearValue: 115,
      minDurationSeconds: 1800,
    }),
    // 20 mm/h is the CMA's short-duration heavy rain mark: time to watch low garages.
    threshold('rain_heavy', 'rain', '>=', 20, 'minor', '短时强降水', 'Heavy rainfall', { clearValue: 10, minDurationSeconds: 300 }),
  ],
});
