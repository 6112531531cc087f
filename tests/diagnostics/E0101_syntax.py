# error: E0101
print "hello"
