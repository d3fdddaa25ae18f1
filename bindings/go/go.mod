module libjwtcore.org/jwtcore

go 1.24
