import { describe, expect, it } from 'vitest';
import { pathPrior, queryIntentOf } from '../../src/context/rank/path-priors.js';

const plain = queryIntentOf('how is the cart total computed?', new Set(['cart', 'total', 'comput']));
const aboutTests = queryIntentOf('where is the cart total tested?', new Set(['cart', 'total', 'test']));

describe('path priors', () => {
  it.each([
    'src/cart.test.ts',
    'pkg/cart/cart_test.go',
    'tests/test_cart.py',
    'spec/models/cart_spec.rb',
    'src/test/java/shop/CartTest.java',
    'app/src/test/kotlin/shop/CartTests.kt',
    'Shop.Tests/CartTests.cs',
    'Tests/ShopTests/CartTests.swift',
    'lib/shop/cart_spec.rb',
    'Shop/CartTests.cs',
  ])('ranks %s below the code unless the question is about tests', (path) => {
    expect(pathPrior(path, plain)).toBeLessThan(1);
    expect(pathPrior(path, aboutTests)).toBeGreaterThan(1);
  });

  it.each(['src/main/java/shop/Cart.java', 'Shop/Contest.cs', 'lib/shop/latest.rb', 'src/attestation.ts'])('leaves %s alone', (path) => {
    expect(pathPrior(path, plain)).toBe(1);
  });

  it.each(['config/ports.yaml', 'src/main/resources/application.properties', 'Shop.Api/appsettings.Development.json', 'pom.xml', 'app/build.gradle.kts', 'go.mod', 'Shop/Shop.csproj', 'Gemfile', 'composer.json', 'Package.swift', 'CMakeLists.txt'])(
    'ranks %s higher for "which port / setting" questions',
    (path) => {
      const aboutConfig = queryIntentOf('which port does the cart service listen on?', new Set(['port', 'cart', 'servic', 'listen']));
      expect(pathPrior(path, aboutConfig)).toBeGreaterThan(1);
    },
  );
});
