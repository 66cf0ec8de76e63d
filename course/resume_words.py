"""The words resume codes are made of: common, concrete, easy to spell, gentle to read."""

from __future__ import annotations

WORDS: tuple[str, ...] = tuple(
    """
    acorn apple apron arch arrow aspen attic autumn bagel baker bamboo banjo barley basil basket
    beach beacon bean bell berry bicycle birch biscuit blanket blossom blue boat bonnet book
    boot bottle bramble branch bread breeze brick bridge brook broom bucket bundle butter button
    cabin cactus cake camel candle canoe canyon cape carrot castle cedar cello chalk cherry
    chess chime cinnamon circle clay clock cloud clover coast cobble cocoa comet copper coral
    corn cotton cove cradle crane crayon creek cricket crown cup curtain daisy dawn desk dew
    dolphin door dove dune eagle easel echo elm ember fable falcon feather fern fiddle field fig
    flag flute fog forest fossil fountain fox garden garnet gate ginger glove goose grape gravel
    green grove guitar harbor harp hazel heron hill honey horizon hazelnut iris island ivy
    jacket jam jasmine jelly jigsaw kayak kettle kite kiwi ladder lagoon lake lamp lantern lark
    leaf lemon lentil letter lilac lily linen lion lobster locket lotus lute magnet mango maple
    marble meadow melon mint mitten moon moss mountain muffin mural nest nickel noodle north oak
    oasis oat ocean olive onion orange orbit orchard otter owl paddle paint panda paper parcel
    parrot pasta peach pear pebble pelican pencil pepper piano pickle pillow pine planet plum
    pocket pony poppy potato pottery prairie pumpkin puzzle quilt rabbit radish rain raisin
    raven reed ribbon river robin rocket rose ruby saddle saffron sage sail salmon sand satin
    scarf seal seed shell shore silver sketch sky sled slipper snow sock sofa sparrow spoon
    spring spruce squash star stone straw stream sugar summer sun swan sweater table tangerine
    teapot thistle thread thunder tiger tomato topaz tower trail tulip tunnel turnip turtle twig
    umbrella valley vase velvet violet violin wagon walnut water wave wheat whistle willow
    window winter wool yarn yellow zebra zinnia
    """.split()
)
"""296 words: four of them make about 7.7 billion codes, each guess slowed and rate-limited."""
