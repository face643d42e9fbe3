print(repr("plain"), repr("it's"), repr('"quoted"'), repr("both ' \""), repr(""))
print(repr("tab\there"), repr("new\nline"), repr("cr\r"), repr("bell\a"), repr("nul\0"), repr("esc\x1b"))
print(repr("back\\slash"), repr("\x7f"), repr("é"), repr("α β"), repr("€"), repr("\u200b"), repr("\xa0"))
print(["it's", 'say "hi"', "\t"], ("é",), {"k'": "v\""})
print(str("\ttabbed"), "é" * 3, len("αβγ"), "αβγ"[1], "αβγ"[::-1], "αβγ".upper())
print(f"{'é':>4}|{'αβ':*^6}|")
print("a\\b", r"a\b", "a\
b")
print("%s %r" % ("é", "é"))
