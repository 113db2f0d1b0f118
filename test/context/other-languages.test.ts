import { describe, expect, it } from 'vitest';
import { previewContext } from '../../src/context/preview-context.js';
import { useTempRepos } from './temp-repo.js';

const repoOf = useTempRepos();

/** A class too long to quote whole (over 120 lines), with the method the question names in its middle. */
function longClass(open: string[], filler: (n: number) => string[], target: string[], close: string[]) {
  const lines = [...open];
  for (let n = 0; n < 30; n++) lines.push(...filler(n));
  const start = lines.length + 1;
  lines.push(...target);
  const end = lines.length;
  for (let n = 30; n < 45; n++) lines.push(...filler(n));
  lines.push(...close);
  return { text: lines.join('\n') + '\n', start, end };
}

const cases = {
  Java: {
    path: 'src/main/java/shop/Cart.java',
    question: 'how does groupByVendor work?',
    file: longClass(
      ['package shop;', '', 'import java.util.List;', '', 'public class Cart {'],
      (n) => [`    int count${n}() {`, `        return items.size() + ${n};`, '    }', ''],
      ['    @Override', '    public Map<String, List<Item>> groupByVendor(int limit) throws IOException {', '        return items.stream()', '            .collect(groupingBy(Item::vendor));', '    }'],
      ['}'],
    ),
  },
  'C#': {
    path: 'src/Shop/Cart.cs',
    question: 'what does TotalAsync do?',
    file: longClass(
      ['using System;', '', 'namespace Shop', '{', '    public sealed class Cart', '    {'],
      (n) => [`        public int Count${n}()`, '        {', `            return _items.Count + ${n};`, '        }'],
      ['        public async Task<decimal> TotalAsync(CancellationToken token)', '        {', '            await LoadAsync(token);', '            return _items.Sum(i => i.Price);', '        }'],
      ['    }', '}'],
    ),
  },
  Ruby: {
    path: 'lib/shop/cart.rb',
    question: 'how does from_json build a cart?',
    file: longClass(
      ["require 'json'", '', 'class Cart'],
      (n) => [`  def count_${n}`, `    @items.size + ${n}`, '  end', ''],
      ['  def self.from_json(text)', '    data = JSON.parse(text)', "    new(data['owner'])", '  end'],
      ['end'],
    ),
  },
  Kotlin: {
    path: 'src/main/kotlin/shop/Cart.kt',
    question: 'how does checkout compute the receipt?',
    file: longClass(
      ['package shop', '', 'class Cart(private val owner: String) {'],
      (n) => [`    fun count${n}(): Int {`, `        return items.size + ${n}`, '    }', ''],
      ['    suspend fun checkout(): Receipt {', '        val total = items.sumOf { it.price }', '        return Receipt(owner, total)', '    }'],
      ['}'],
    ),
  },
};

describe('retrieval in repositories of other languages', () => {
  it.each(Object.entries(cases))('quotes the %s method the question names whole, not its class or a window', async (_language, { path, question, file }) => {
    const repo = repoOf({ [path]: file.text, 'README.md': '# Shop\n\nA cart service.\n' });
    // A budget for about one definition, so the first snippet is the unit the ranking chose, unmerged.
    const pack = await previewContext(question, { repoRoot: repo.root, cacheDir: false, budgetTokens: 300 });
    expect(pack.items[0]?.path).toBe(path);
    expect(pack.items[0]?.startLine).toBe(file.start);
    expect(pack.items[0]?.endLine).toBe(file.end);
  });
});
