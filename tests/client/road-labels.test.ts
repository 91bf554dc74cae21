import { describe, expect, it } from 'vitest';
import { roadLabels } from '../../client/src/map/data/road-labels.ts';

describe('street names', () => {
  it('labels each road once, halfway along its longest piece on screen', () => {
    const labels = roadLabels([
      {
        name: '人民路',
        lines: [
          [
            [104.0, 31.0],
            [104.001, 31.0],
          ],
        ],
      },
      {
        name: '人民路',
        lines: [
          [
            [104.01, 31.0],
            [104.014, 31.0],
          ],
        ],
      },
      { name: '东街', lines: [[[104.0, 31.0]]] },
    ]);
    expect(labels).toHaveLength(1);
    expect(labels[0]!.name).toBe('人民路');
    expect(labels[0]!.position[0]).toBeCloseTo(104.012, 6);
    expect(labels[0]!.angle).toBeCloseTo(0, 6);
  });

  it('turns a name along its road but never upside down', () => {
    const [westward] = roadLabels([
      {
        name: '南北大道',
        lines: [
          [
            [104.01, 31.01],
            [104.0, 31.0],
          ],
        ],
      },
    ]);
    expect(westward!.angle).toBeGreaterThan(-90);
    expect(westward!.angle).toBeLessThanOrEqual(90);
    expect(westward!.angle).toBeGreaterThan(0);
    const [north] = roadLabels([
      {
        name: '北街',
        lines: [
          [
            [104.0, 31.0],
            [104.0, 31.01],
          ],
        ],
      },
    ]);
    expect(north!.angle).toBe(90);
  });
});
