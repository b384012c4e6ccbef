"""The data the library reads and writes: cases, decisions and their facts, money, time,
categories, regions and the errors that report bad input. The lowest layer: it imports no
other part of aftersales."""
