module github.com/acme/orask

go 1.22
