module github.com/example/orcli

go 1.22
